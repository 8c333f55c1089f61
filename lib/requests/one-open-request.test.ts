/**
 * The one-open-request rule has two halves: a pending request and an active grant each block a
 * second request for the same target. Each test makes the request that blocks.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ContosoFixture, contosoFixture } from "@/db/testing/contoso-fixture";
import { testDatabaseKinds } from "@/db/testing/test-database";
import { createRequest } from "./create-request";

describe.each(testDatabaseKinds)("one open request per person and target on %s", (kind) => {
  let f: ContosoFixture;
  beforeAll(async () => {
    f = await contosoFixture(kind);
  });
  afterAll(() => f.database.destroy());
  const db = () => f.database.db;

  it("refuses a second request for a target the person holds an active grant on, until that window ends", async () => {
    const requester = await f.actor("requester2@contoso.com");
    // The automatic policy on Add-MailboxPermission approves at once: an active grant, not a pending request.
    const ask = () => createRequest(db(), { actor: requester, input: { target: "Add-MailboxPermission", reason: "Delegate for the CFO" } });
    const grant = await ask();
    expect(grant).toMatchObject({ status: "approved", active: true });

    const refusal = await ask().catch((error: unknown) => error as { code: string; message: string });
    expect(refusal).toMatchObject({ code: "conflict:request-exists" });
    expect((refusal as { message: string }).message).toContain(`You already have access to Add-MailboxPermission (${grant.id}): extend it instead.`);

    // Only an open window blocks: once it has ended the person may ask again.
    await f.endWindow(grant.id);
    expect(await ask()).toMatchObject({ status: "approved", active: true });
  });

  it("refuses a second request for a target the person has a pending request for", async () => {
    const requester = await f.actor("requester@contoso.com");
    const ask = () => createRequest(db(), { actor: requester, input: { type: "role", target: "Transport Rules", reason: "Disclaimer rule" } });
    const pending = await ask();
    expect(pending.status).toBe("pending");
    const refusal = await ask().catch((error: unknown) => error as { code: string; message: string });
    expect(refusal).toMatchObject({ code: "conflict:request-exists" });
    expect((refusal as { message: string }).message).toContain(`You already have a pending request for Transport Rules (${pending.id}).`);
  });
});
