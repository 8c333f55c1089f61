/**
 * Verification compares the end of the walk with the chain head: deleting the newest events
 * leaves every remaining link intact, so only the head can tell. The test starts from a chain it
 * has just verified whole, so nothing else can have broken it first.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ContosoFixture, contosoFixture } from "@/db/testing/contoso-fixture";
import { testDatabaseKinds } from "@/db/testing/test-database";
import { createRequest } from "@/lib/requests/create-request";
import { verifyAuditChain } from "./verify-audit-chain";

describe.each(testDatabaseKinds)("audit chain verification on %s", (kind) => {
  let f: ContosoFixture;
  beforeAll(async () => {
    f = await contosoFixture(kind);
  });
  afterAll(() => f.database.destroy());
  const db = () => f.database.db;

  it("notices when the newest events are deleted, though every remaining link still matches", async () => {
    await createRequest(db(), {
      actor: await f.actor("requester@contoso.com"),
      input: { target: "Add-MailboxPermission", reason: "Quarter-end delegation for finance" },
    });
    const whole = await verifyAuditChain(db(), f.organisationId);
    expect(whole).toMatchObject({ ok: true, firstBrokenId: null });
    expect(whole.checked).toBeGreaterThan(2);

    // As the database owner, with the append-only triggers off: the two newest events go.
    await db().execute(sql`alter table audit_events disable trigger user`);
    await db().execute(
      sql`delete from audit_events where organisation_id = ${f.organisationId}
          and seq > (select max(seq) - 2 from audit_events where organisation_id = ${f.organisationId})`,
    );
    await db().execute(sql`alter table audit_events enable trigger user`);
    expect(await verifyAuditChain(db(), f.organisationId)).toEqual({ ok: false, checked: whole.checked - 2, firstBrokenId: null });
  });
});
