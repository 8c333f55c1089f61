/**
 * `lockRequest` finds a request only in the caller's organisation. The other "another
 * organisation's request" tests use ids that exist nowhere, so they pass even without the
 * organisation filter; these use this organisation's REAL request ids from a second organisation
 * in the same database.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ContosoFixture, type OrganisationFixture, codeOf, contosoFixture } from "@/db/testing/contoso-fixture";
import { testDatabaseKinds } from "@/db/testing/test-database";
import { approveRequest } from "@/lib/approvals/approve-request";
import { denyRequest } from "@/lib/approvals/deny-request";
import { revokeRequest } from "@/lib/approvals/revoke-request";
import { cancelRequest } from "./cancel-request";
import { createRequest } from "./create-request";
import { extendRequest } from "./extend-request";
import { getRequest } from "./get-request";

describe.each(testDatabaseKinds)("a request locked for a decision on %s", (kind) => {
  let f: ContosoFixture;
  /** The same demo people, in another organisation of the same database. */
  let otherOrganisation: OrganisationFixture;
  beforeAll(async () => {
    f = await contosoFixture(kind);
    otherOrganisation = await f.organisation();
  });
  const other = (contosoAddress: string) => otherOrganisation.actor(contosoAddress);
  afterAll(() => f.database.destroy());
  const db = () => f.database.db;

  it("is not found by another organisation's administrator, approver or requester, and nothing about it changes", async () => {
    // This organisation's own live requests: an active grant (automatic policy) and a pending one.
    const active = await createRequest(db(), {
      actor: await f.actor("requester2@contoso.com"),
      input: { target: "Add-MailboxPermission", reason: "Delegate for the CFO" },
    });
    const pending = await createRequest(db(), {
      actor: await f.actor("requester@contoso.com"),
      input: { type: "role", target: "Transport Rules", reason: "Disclaimer rule" },
    });
    expect([active.status, pending.status]).toEqual(["approved", "pending"]);

    const otherAdmin = await other("admin@contoso.com");
    expect(otherAdmin.organisationId).not.toBe(f.organisationId);
    expect(await codeOf(revokeRequest(db(), { actor: otherAdmin, requestId: active.id, comment: "Not yours to revoke" }))).toBe(
      "not-found:request",
    );
    expect(await codeOf(approveRequest(db(), { actor: otherAdmin, requestId: pending.id }))).toBe("not-found:request");
    expect(await codeOf(denyRequest(db(), { actor: await other("approver2@contoso.com"), requestId: pending.id, comment: "No" }))).toBe(
      "not-found:request",
    );
    expect(await codeOf(cancelRequest(db(), { actor: await other("requester@contoso.com"), requestId: pending.id }))).toBe(
      "not-found:request",
    );
    expect(
      await codeOf(extendRequest(db(), { actor: await other("requester2@contoso.com"), requestId: active.id, input: { reason: "More" } })),
    ).toBe("not-found:request");

    const admin = await f.actor("admin@contoso.com");
    expect(await getRequest(db(), { actor: admin, requestId: active.id })).toMatchObject({ status: "approved", active: true });
    expect(await getRequest(db(), { actor: admin, requestId: pending.id })).toMatchObject({ status: "pending", approvals: [] });
  });
});
