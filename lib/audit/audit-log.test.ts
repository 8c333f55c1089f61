import { eq, sql } from "drizzle-orm";
import { auditEvents } from "@/db/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ContosoFixture, codeOf, contosoFixture } from "@/db/testing/contoso-fixture";
import { testDatabaseKinds } from "@/db/testing/test-database";
import { createRequest } from "@/lib/requests/create-request";
import { searchAudit } from "./search-audit";
import { verifyAuditChain, verifyAuditLog } from "./verify-audit-chain";

describe.each(testDatabaseKinds)("the audit log on %s", (kind) => {
  let f: ContosoFixture;
  beforeAll(async () => {
    f = await contosoFixture(kind);
    // Some activity on top of the seeded history.
    await createRequest(f.database.db, {
      actor: await f.actor("requester@contoso.com"),
      input: { target: "Add-MailboxPermission", reason: "Quarter-end delegation for finance" },
    });
  });
  afterAll(() => f.database.destroy());
  const db = () => f.database.db;

  it("verifies as an unbroken chain, for auditors and administrators only", async () => {
    const result = await verifyAuditLog(db(), { actor: await f.actor("auditor@contoso.com") });
    const events = await db().$count(auditEvents, eq(auditEvents.organisationId, f.organisationId));
    expect(result).toEqual({ ok: true, checked: events, firstBrokenId: null });
    expect(await codeOf(verifyAuditLog(db(), { actor: await f.actor("requester@contoso.com") }))).toBe("forbidden:read-audit");
  });

  it("filters by action, actor, target, time and text, newest first", async () => {
    const auditor = await f.actor("auditor@contoso.com");
    const search = async (input: Parameters<typeof searchAudit>[1]["input"]) =>
      (await searchAudit(db(), { actor: auditor, input: { limit: 500, ...input } })).items;
    const denied = await search({ action: "request.denied" });
    expect(denied.length).toBeGreaterThan(0);
    expect(denied.every((e) => e.action === "request.denied")).toBe(true);
    const byApprover = await search({ actor: "approver2@contoso.com" });
    expect(byApprover.every((e) => e.actor === "approver2@contoso.com")).toBe(true);
    const text = await search({ q: "quarter-end DELEGATION" });
    expect(text.map((e) => e.action)).toEqual(["request.created"]);
    const [created] = text;
    expect((await search({ targetId: created!.targetId! })).map((e) => e.action)).toEqual(["request.approved", "request.created"]);
    const all = await search({});
    for (let i = 1; i < all.length; i++) expect(all[i - 1]!.at >= all[i]!.at).toBe(true);
    const old = await search({ until: new Date(Date.now() - 24 * 3600_000).toISOString() });
    expect(old.length).toBeGreaterThan(0);
    expect(old.length).toBeLessThan(all.length);
    expect(await codeOf(searchAudit(db(), { actor: auditor, input: { since: "last week" } }))).toBe("invalid:input");
  });

  it("pages by keyset without gaps or repeats", async () => {
    const auditor = await f.actor("auditor@contoso.com");
    const all = (await searchAudit(db(), { actor: auditor, input: { limit: 500 } })).items.map((e) => e.id);
    const paged: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await searchAudit(db(), { actor: auditor, input: { limit: 7, cursor } });
      paged.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(paged).toEqual(all);
  });

  // Tampering tests break a chain: each breaks its own organisation's, unbroken until it acts, so
  // what it checks cannot have been broken by a test before it.
  it("names the first broken event when a row is changed behind the triggers' back", async () => {
    const org = await f.organisation();
    const auditor = await org.actor("auditor@contoso.com");
    expect(await verifyAuditChain(db(), org.organisationId)).toMatchObject({ ok: true });
    const [victim] = (await searchAudit(db(), { actor: auditor, input: { action: "request.denied" } })).items;
    // As the database owner, with the append-only triggers switched off: what an attacker with
    // full database access would do.
    await db().execute(sql`alter table audit_events disable trigger user`);
    await db().execute(sql`update audit_events set details = '{"comment":"Approved after all"}' where id = ${victim!.id}`);
    await db().execute(sql`alter table audit_events enable trigger user`);
    expect(await verifyAuditChain(db(), org.organisationId)).toMatchObject({ ok: false, firstBrokenId: victim!.id });
  });

  it("notices when the newest events are deleted", async () => {
    const org = await f.organisation();
    expect(await verifyAuditChain(db(), org.organisationId)).toMatchObject({ ok: true });
    await db().execute(sql`alter table audit_events disable trigger user`);
    await db().execute(
      sql`delete from audit_events where organisation_id = ${org.organisationId} and seq = (select max(seq) from audit_events where organisation_id = ${org.organisationId})`,
    );
    await db().execute(sql`alter table audit_events enable trigger user`);
    // Every event left still links to the one before it: only the chain's head knows one is missing.
    const result = await verifyAuditChain(db(), org.organisationId);
    expect(result.ok).toBe(false);
  });
});
