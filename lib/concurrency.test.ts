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
    const admin = await f.actor("admin@contoso.com");
    for (const [target, requiredApprovals] of [["Set-JournalRule", 1], ["Remove-JournalRule", 2], ["Disable-JournalRule", 1]] as const) {
      await createPolicy(f.database.db, { actor: admin, input: { type: "task", target, requiredApprovals } });
    }
  });
  afterAll(() => f.database.destroy());
  const db = () => f.database.db;

  const newRequest = async (target: string) =>
    createRequest(db(), { actor: await f.actor("requester@contoso.com"), input: { target, reason: "race" } });
  const finalEvents = (requestId: string) =>
    db()
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.targetId, requestId));

  it("forty approvals and denials at once on one request give exactly one outcome", async () => {
    const request = await newRequest("Set-JournalRule");
    const [a1, a2] = [await f.actor("approver1@contoso.com"), await f.actor("approver2@contoso.com")];
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
    const finals = (await finalEvents(request.id)).filter((e) => e.action === "request.approved" || e.action === "request.denied");
    expect(finals).toHaveLength(1);
  });

  it("a quorum of two raced by two approvers ten times each: two approvals, one approval outcome", async () => {
    const request = await newRequest("Remove-JournalRule");
    const [a1, a2] = [await f.actor("approver1@contoso.com"), await f.actor("approver2@contoso.com")];
    const results = await settle(
      Array.from({ length: 20 }, (_, i) => () => approveRequest(db(), { actor: i % 2 ? a1 : a2, requestId: request.id })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(2);
    const rows = await db().select().from(approvals).where(and(eq(approvals.requestId, request.id), eq(approvals.decision, "approve")));
    expect(new Set(rows.map((r) => r.approverId)).size).toBe(2);
    const actions = (await finalEvents(request.id)).map((e) => e.action).sort();
    expect(actions).toEqual(["request.approval", "request.approved", "request.created"]);
  });

  it("twenty identical requests at once: exactly one is made", async () => {
    const requester = await f.actor("requester2@contoso.com");
    const results = await settle(
      Array.from({ length: 20 }, () => () => createRequest(db(), { actor: requester, input: { target: "Disable-JournalRule", reason: "race" } })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(new Set(results.filter((r) => !r.ok).map((r) => (r as { code: string }).code))).toEqual(new Set(["conflict:request-exists"]));
  });

  it("decisions racing the pending lifetime: all refused, the expiry recorded once", async () => {
    const request = await newRequest("Disable-JournalRule");
    await f.lapsePending(request.id);
    const [a1, a2] = [await f.actor("approver1@contoso.com"), await f.actor("approver2@contoso.com")];
    const results = await settle(
      Array.from({ length: 12 }, (_, i) => () => approveRequest(db(), { actor: i % 2 ? a1 : a2, requestId: request.id })),
    );
    expect(results.every((r) => !r.ok)).toBe(true);
    expect((await finalEvents(request.id)).filter((e) => e.action === "request.expired")).toHaveLength(1);
  });

  it("fifty access checks at once are each recorded once, group-committed onto the chain", async () => {
    const requester = await f.actor("requester@contoso.com");
    const before = await db().$count(auditEvents, eq(auditEvents.action, "access.checked"));
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => checkAccess(db(), { actor: requester, input: { task: i % 2 ? "Get-Mailbox" : "New-JournalRule" } })),
    );
    expect(answers.filter((a) => a.allowed)).toHaveLength(25);
    expect(await db().$count(auditEvents, eq(auditEvents.action, "access.checked"))).toBe(before + 50);
  });

  it("leaves the audit chain unbroken after all of it", async () => {
    expect(await verifyAuditChain(db(), f.organisationId)).toMatchObject({ ok: true });
  });
});
