/**
 * The one-open-request rule has two halves: a pending request and an active grant each block a
 * second request for the same target. Each test makes the request that blocks.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ContosoFixture, contosoFixture } from "@/db/testing/contoso-fixture";
import { testDatabaseKinds } from "@/db/testing/test-database";
import { apiCaller, useDatabaseForApi } from "@/lib/server/api/testing/api-harness";
import { createRequest } from "./create-request";

describe.each(testDatabaseKinds)("one open request per person and target on %s", (kind) => {
  let f: ContosoFixture;
  beforeAll(async () => {
    f = await contosoFixture(kind);
    useDatabaseForApi(f.database);
  });
  afterAll(() => f.database.destroy());
  const db = () => f.database.db;

  it("refuses a second request for a target the person holds an active grant on, until that window ends", async () => {
    const requester = await f.actor("requester2@contoso.com");
    // The automatic policy on Add-MailboxPermission approves at once: an active grant, not a pending request.
    const ask = () => createRequest(db(), { actor: requester, input: { target: "Add-MailboxPermission", reason: "Delegate for the CFO" } });
    const grant = await ask();
    expect(grant).toMatchObject({ status: "approved", active: true });

    const refusal = (await ask().catch((error: unknown) => error)) as { code: string; message: string };
    // The person reads where the grant stands, not its id; the id is in the details, for scripts and the link.
    expect(refusal).toMatchObject({ code: "conflict:request-exists", details: { requestId: grant.id, status: "approved" } });
    expect(refusal.message).toMatch(/^You already have access to Add-MailboxPermission: an open window that ends in \d+ (h|min)[^.]*\. Extend it instead/);
    expect(refusal.message).not.toContain(grant.id);

    // Only an open window blocks: once it has ended the person may ask again.
    await f.endWindow(grant.id);
    expect(await ask()).toMatchObject({ status: "approved", active: true });
  });

  it("refuses a second request for a target the person has a pending request for", async () => {
    const requester = await f.actor("requester@contoso.com");
    const ask = () => createRequest(db(), { actor: requester, input: { type: "role", target: "Transport Rules", reason: "Disclaimer rule" } });
    const pending = await ask();
    expect(pending.status).toBe("pending");
    const refusal = (await ask().catch((error: unknown) => error)) as { code: string; message: string };
    expect(refusal).toMatchObject({ code: "conflict:request-exists", details: { requestId: pending.id, status: "pending" } });
    expect(refusal.message).toMatch(/^You already have a request for Transport Rules waiting for approval \(sent (just now|\d+ s ago)\)\./);
    expect(refusal.message).not.toContain(pending.id);
  });

  it("answers a script 409 with the existing request's id in the error's details", async () => {
    const org = await f.organisation();
    const requester = await org.actor("requester@contoso.com");
    const pending = await createRequest(db(), { actor: requester, input: { target: "New-JournalRule", reason: "Journal to archive" } });
    const call = await apiCaller(f.database, requester);
    const again = await call({ method: "POST", path: "/requests", body: JSON.stringify({ target: "New-JournalRule", reason: "Again" }) });
    expect(again.status).toBe(409);
    expect(again.json).toMatchObject({
      error: { code: "conflict:request-exists", message: expect.stringContaining("waiting for approval"), details: { requestId: pending.id, status: "pending" } },
    });
  });
});
