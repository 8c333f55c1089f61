/**
 * The dashboard's figures and recent activity as each person gets them: the policy count against
 * the limit only for those who manage policies, and activity in words, not audit action ids.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ContosoFixture, contosoFixture } from "@/db/testing/contoso-fixture";
import { testDatabaseKinds } from "@/db/testing/test-database";
import { AUDIT_ACTIONS } from "@/lib/audit/audit-actions";
import { createRequest } from "@/lib/requests/create-request";
import { getDashboardSummary } from "./get-dashboard-summary";
import { listRecentActivity } from "./list-recent-activity";

describe.each(testDatabaseKinds)("the dashboard on %s", (kind) => {
  let f: ContosoFixture;
  beforeAll(async () => {
    f = await contosoFixture(kind);
  });
  afterAll(() => f.database.destroy());
  const db = () => f.database.db;

  it("gives the policy count against the limit to those who manage policies, and nobody else", async () => {
    const org = await f.organisation();
    for (const person of ["admin@contoso.com", "rolemanager@contoso.com"]) {
      const summary = await getDashboardSummary(db(), await org.actor(person));
      expect(summary.policies, person).toEqual({ count: expect.any(Number), limit: expect.any(Number) });
      expect(summary.policies!.count, person).toBeGreaterThan(0);
    }
    for (const person of ["requester@contoso.com", "approver1@contoso.com", "auditor@contoso.com"]) {
      expect((await getDashboardSummary(db(), await org.actor(person))).policies, person).toBeNull();
    }
  });

  it("words recent activity for people: what was done and to what, never the action's id", async () => {
    const org = await f.organisation();
    const requester = await org.actor("requester@contoso.com");
    await createRequest(db(), { actor: requester, input: { target: "New-JournalRule", reason: "Archive" } });
    const mine = await listRecentActivity(db(), { actor: requester });
    expect(mine.events[0]).toMatchObject({ action: "request.created", label: "Requested access", subject: "New-JournalRule" });

    const auditor = await listRecentActivity(db(), { actor: await org.actor("auditor@contoso.com"), limit: 50 });
    expect(auditor.events.length).toBeGreaterThan(1);
    for (const event of auditor.events) {
      expect(AUDIT_ACTIONS as readonly string[]).toContain(event.action);
      expect(event.label).not.toBe(event.action);
    }
  });
});
