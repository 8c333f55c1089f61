/**
 * Races that must end in exactly one outcome. On real Postgres the calls really run at once on
 * separate connections; the guarantees come from row locks and unique indexes, not process memory,
 * so they hold across app instances too.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approvals, auditEvents } from "@/db/schema";
import { type ContosoFixture, contosoFixture } from "@/db/testing/contoso-fixture";
import { testDatabaseKinds } from "@/db/testing/test-database";
import { checkAccess } from "./access/check-access";
import { approveRequest } from "./approvals/approve-request";
import { denyRequest } from "./approvals/deny-request";
import { verifyAuditChain } from "./audit/verify-audit-chain";
import { createPolicy } from "./policies/create-policy";
import { createRequest } from "./requests/create-request";

type Settled = { ok: true } | { ok: false; code: string };
async function settle(calls: (() => Promise<unknown>)[]): Promise<Settled[]> {
  return Promise.all(
    calls.map((call) =>
      call().then(
        (): Settled => ({ ok: true }),
        (error: { code?: string; message: string }): Settled => ({ ok: false, code: error.code ?? error.message }),
      ),
    ),
  );
}

describe.each(testDatabaseKinds)("concurrency on %s", (kind) => {
  let f: ContosoFixture;
  beforeAll(async () => {
    f = await contosoFixture(kind);
  });
  afterAll(() => f.database.destroy());
  const db = () => f.database.db;

  /** A fresh organisation with manual task policies on the given targets, so each race starts from nothing. */
  async function world(targets: [target: string, requiredApprovals: number][]) {
    const org = await f.organisation();
    const admin = await org.actor("admin@contoso.com");
    for (const [target, requiredApprovals] of targets) {
      await createPolicy(db(), { actor: admin, input: { type: "task", target, requiredApprovals } });
    }
    const approvers = [await org.actor("approver1@contoso.com"), await org.actor("approver2@contoso.com")] as const;
    const newRequest = async (target: string) =>
      createRequest(db(), { actor: await org.actor("requester@contoso.com"), input: { target, reason: "race" } });
    return { org, approvers, newRequest };
  }
  const actionsOn = async (requestId: string) =>
    (await db().select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.targetId, requestId))).map((e) => e.action);

  // The batcher groups calls that are in flight together, whichever database runs them.
  it("fifty access checks at once are each recorded once, group-committed onto the chain", async () => {
    const { org } = await world([]);
    const requester = await org.actor("requester@contoso.com");
    const checked = () => db().$count(auditEvents, and(eq(auditEvents.organisationId, org.organisationId), eq(auditEvents.action, "access.checked")));
    expect(await checked()).toBe(0);
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => checkAccess(db(), { actor: requester, input: { task: i % 2 ? "Get-Mailbox" : "New-JournalRule" } })),
    );
    expect(answers.filter((a) => a.allowed)).toHaveLength(25);
    expect(await checked()).toBe(50);
    expect(await verifyAuditChain(db(), org.organisationId)).toMatchObject({ ok: true });
  });

  /*
   * Races: the guarantees rest on row locks and unique indexes, so the calls must really run at
   * once, on separate connections. The embedded database (PGlite) runs one call after another,
   * where these would pass with every lock removed: they run on real Postgres only.
   */
  describe.skipIf(kind === "embedded")("races (real Postgres only: the embedded database runs calls one after another)", () => {
    it("race on Postgres: forty approvals and denials at once on one request give exactly one outcome", async () => {
      const { org, approvers: [a1, a2], newRequest } = await world([["Set-JournalRule", 1]]);
      const request = await newRequest("Set-JournalRule");
      const calls = Array.from({ length: 40 }, (_, i) => {
        const actor = i % 2 ? a1 : a2;
        return i % 4 < 2
          ? () => approveRequest(db(), { actor, requestId: request.id })
          : () => denyRequest(db(), { actor, requestId: request.id, comment: "race" });
      });
      const results = await settle(calls);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      for (const r of results.filter((r): r is { ok: false; code: string } => !r.ok)) {
        expect(r.code).toBe("conflict:already-decided");
      }
      expect(await db().select().from(approvals).where(eq(approvals.requestId, request.id))).toHaveLength(1);
      const finals = (await actionsOn(request.id)).filter((action) => action === "request.approved" || action === "request.denied");
      expect(finals).toHaveLength(1);
      expect(await verifyAuditChain(db(), org.organisationId)).toMatchObject({ ok: true });
    });

    it("race on Postgres: a quorum of two raced by two approvers ten times each gives two approvals, one approval outcome", async () => {
      const { org, approvers: [a1, a2], newRequest } = await world([["Remove-JournalRule", 2]]);
      const request = await newRequest("Remove-JournalRule");
      const results = await settle(
        Array.from({ length: 20 }, (_, i) => () => approveRequest(db(), { actor: i % 2 ? a1 : a2, requestId: request.id })),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(2);
      const rows = await db().select().from(approvals).where(and(eq(approvals.requestId, request.id), eq(approvals.decision, "approve")));
      expect(new Set(rows.map((r) => r.approverId)).size).toBe(2);
      expect((await actionsOn(request.id)).sort()).toEqual(["request.approval", "request.approved", "request.created"]);
      expect(await verifyAuditChain(db(), org.organisationId)).toMatchObject({ ok: true });
    });

    it("race on Postgres: twenty identical requests at once make exactly one", async () => {
      const { org } = await world([["Disable-JournalRule", 1]]);
      const requester = await org.actor("requester2@contoso.com");
      const results = await settle(
        Array.from({ length: 20 }, () => () => createRequest(db(), { actor: requester, input: { target: "Disable-JournalRule", reason: "race" } })),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(new Set(results.filter((r) => !r.ok).map((r) => (r as { code: string }).code))).toEqual(new Set(["conflict:request-exists"]));
      expect(await verifyAuditChain(db(), org.organisationId)).toMatchObject({ ok: true });
    });

    it("race on Postgres: decisions racing the pending lifetime are all refused, the expiry recorded once", async () => {
      const { org, approvers: [a1, a2], newRequest } = await world([["Disable-JournalRule", 1]]);
      const request = await newRequest("Disable-JournalRule");
      await f.lapsePending(request.id);
      const results = await settle(
        Array.from({ length: 12 }, (_, i) => () => approveRequest(db(), { actor: i % 2 ? a1 : a2, requestId: request.id })),
      );
      // The first to take the lock records the expiry; every one after finds the request expired.
      const codes = results.map((r) => (r.ok ? "approved" : r.code)).sort();
      expect(codes).toEqual([...Array.from({ length: 11 }, () => "conflict:already-decided"), "conflict:expired"]);
      expect((await actionsOn(request.id)).filter((action) => action === "request.expired")).toHaveLength(1);
      expect(await verifyAuditChain(db(), org.organisationId)).toMatchObject({ ok: true });
    });
  });
});
