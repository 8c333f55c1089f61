import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessRequests } from "@/db/schema";
import { type ContosoFixture, codeOf, contosoFixture } from "@/db/testing/contoso-fixture";
import { testDatabaseKinds } from "@/db/testing/test-database";
import { updateSettings } from "@/lib/settings/update-settings";
import { createRequest } from "./create-request";
import { extendRequest } from "./extend-request";

describe.each(testDatabaseKinds)("extending a window on %s", (kind) => {
  let f: ContosoFixture;
  beforeAll(async () => {
    f = await contosoFixture(kind);
  });
  afterAll(() => f.database.destroy());
  const db = () => f.database.db;

  it("is refused while PAM is off, as a new request is, and writes nothing; allowed again once it is on", async () => {
    const requester = await f.actor("requester2@contoso.com");
    const window = await createRequest(db(), { actor: requester, input: { target: "Add-MailboxPermission", reason: "Delegation" } });
    expect(window.status).toBe("approved");
    const admin = await f.actor("admin@contoso.com");
    const requests = async () =>
      Number((await db().select({ n: count() }).from(accessRequests).where(eq(accessRequests.organisationId, f.organisationId)))[0]!.n);
    const before = await requests();

    await updateSettings(db(), { actor: admin, input: { pamEnabled: false } });
    expect(await codeOf(extendRequest(db(), { actor: requester, requestId: window.id, input: { reason: "More time" } }))).toBe(
      "conflict:pam-disabled",
    );
    expect(await requests()).toBe(before);

    await updateSettings(db(), { actor: admin, input: { pamEnabled: true } });
    const extension = await extendRequest(db(), { actor: requester, requestId: window.id, input: { reason: "More time" } });
    expect(extension).toMatchObject({ extendsRequestId: window.id });
  });
});
