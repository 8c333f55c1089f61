/**
 * The strictest covering policy decides which windows count: once a manual policy covers a task,
 * a window the system approved automatically under a weaker policy no longer reaches it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ContosoFixture, contosoFixture } from "@/db/testing/contoso-fixture";
import { testDatabaseKinds } from "@/db/testing/test-database";
import { approveRequest } from "@/lib/approvals/approve-request";
import { createPolicy } from "@/lib/policies/create-policy";
import { createRequest } from "@/lib/requests/create-request";
import { decideAccess } from "./decide-access";

describe.each(testDatabaseKinds)("a window under a weaker policy on %s", (kind) => {
  let f: ContosoFixture;
  beforeAll(async () => {
    f = await contosoFixture(kind);
  });
  afterAll(() => f.database.destroy());
  const db = () => f.database.db;

  it("approved automatically, does not satisfy a manual policy that now covers the task as the strictest", async () => {
    const roleManager = await f.actor("rolemanager@contoso.com");
    const requester = await f.actor("requester2@contoso.com");
    const decide = (task: string) =>
      decideAccess(db(), { organisationId: f.organisationId, userId: requester.userId, scope: "Exchange", task });
    // No seeded policy covers Distribution Groups: an automatic role policy, and a window under it.
    const auto = await createPolicy(db(), { actor: roleManager, input: { type: "role", target: "Distribution Groups", approvalType: "auto" } });
    const window = await createRequest(db(), { actor: requester, input: { type: "role", target: "Distribution Groups", reason: "Team changes" } });
    expect(window).toMatchObject({ status: "approved", active: true });
    expect(await decide("Set-DistributionGroup")).toMatchObject({ allowed: true, code: "grant", requestId: window.id, policyId: auto.id });

    // One approval, open to everyone: only its being manual makes it stricter than the window's policy.
    const manual = await createPolicy(db(), {
      actor: roleManager,
      input: { type: "task", target: "Set-DistributionGroup", approvalType: "manual", requiredApprovals: 1 },
    });
    expect(await decide("Set-DistributionGroup")).toMatchObject({ allowed: false, code: "no-grant", requestId: null, policyId: manual.id });
    // The rest of the role is still the automatic policy's, and the window still counts there.
    expect(await decide("New-DistributionGroup")).toMatchObject({ allowed: true, code: "grant", requestId: window.id, policyId: auto.id });

    // What does count: a window an approver approved.
    const approved = await createRequest(db(), { actor: requester, input: { target: "Set-DistributionGroup", reason: "Rename the team list" } });
    await approveRequest(db(), { actor: await f.actor("approver1@contoso.com"), requestId: approved.id });
    expect(await decide("Set-DistributionGroup")).toMatchObject({ allowed: true, code: "grant", requestId: approved.id, policyId: manual.id });
  });
});
