/**
 * Decision records (`access.checked`) are appended after the head the batcher remembers, in one
 * statement that writes only if that head is still the chain's end. These tests hold the two
 * promises that rest on: a stale head writes nothing, and every record lands once on one chain
 * however checks, changes and other app instances interleave.
 */
import { asc, desc, eq, sql } from "drizzle-orm";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Database } from "@/db/client";
import * as schema from "@/db/schema";
import { auditChainHeads, auditEvents } from "@/db/schema";
import { type ContosoFixture, contosoFixture } from "@/db/testing/contoso-fixture";
import { testDatabaseKinds } from "@/db/testing/test-database";
import { checkAccess } from "@/lib/access/check-access";
import { createRequest } from "@/lib/requests/create-request";
import { appendAfterKnownHead, appendAuditEvent } from "./append-audit-event";
import { recordDecisionEvent } from "./audit-batcher";
import { verifyAuditChain } from "./verify-audit-chain";

/** A second app instance on the same database: its own Drizzle object, so its own batcher. */
function anotherInstance(db: Database): Database {
  const client = (db as unknown as { $client: unknown }).$client;
  const options = { schema, casing: "snake_case" as const };
  return (
    client instanceof pg.Pool ? drizzlePg({ client, ...options }) : drizzlePglite({ client: client as never, ...options })
  ) as unknown as Database;
}

describe.each(testDatabaseKinds)("decision records on %s", (kind) => {
  let f: ContosoFixture;
  beforeAll(async () => {
    f = await contosoFixture(kind);
  });
  afterAll(() => f.database.destroy());
  const db = () => f.database.db;
  const checkedCount = () => db().$count(auditEvents, eq(auditEvents.action, "access.checked"));
  const head = async () => {
    const [row] = await db().select().from(auditChainHeads).where(eq(auditChainHeads.organisationId, f.organisationId));
    const [last] = await db().select({ at: auditEvents.at }).from(auditEvents).where(eq(auditEvents.seq, row!.lastSeq));
    return { seq: row!.lastSeq, hash: row!.lastHash, at: last!.at };
  };
  const record = (n: number) => ({
    organisationId: f.organisationId,
    actor: { type: "system" as const, email: "system" },
    action: "access.checked",
    details: { n },
  });

  it("appends after the true head, and writes nothing after a stale one", async () => {
    const before = await head();
    const appended = await appendAfterKnownHead(db(), before, [record(1), record(2)]);
    expect(appended?.map((e) => e.seq)).toEqual([before.seq + 1, before.seq + 2]);
    expect((await head()).hash).toBe(appended![1]!.hash);

    const countBefore = await checkedCount();
    expect(await appendAfterKnownHead(db(), before, [record(3)])).toBeNull();
    expect(await checkedCount()).toBe(countBefore);
    expect(await verifyAuditChain(db(), f.organisationId)).toMatchObject({ ok: true });
  });

  it("records checks that interleave with changes once each, with times rising along the chain", async () => {
    const requester = await f.actor("requester@contoso.com");
    const before = await checkedCount();
    await checkAccess(db(), { actor: requester, input: { task: "Get-Mailbox" } });
    await checkAccess(db(), { actor: requester, input: { task: "Get-Mailbox" } });
    // A change appends under the lock and moves the head the batcher remembers.
    await createRequest(db(), { actor: requester, input: { target: "New-JournalRule", reason: "Journal the finance mailbox" } });
    await checkAccess(db(), { actor: requester, input: { task: "New-JournalRule" } });
    expect(await checkedCount()).toBe(before + 3);

    const chain = await db()
      .select({ seq: auditEvents.seq, at: auditEvents.at })
      .from(auditEvents)
      .where(eq(auditEvents.organisationId, f.organisationId))
      .orderBy(asc(auditEvents.seq));
    const recent = chain.slice(-4);
    for (let i = 1; i < recent.length; i++) expect(recent[i]!.at.getTime()).toBeGreaterThanOrEqual(recent[i - 1]!.at.getTime());
    expect(await verifyAuditChain(db(), f.organisationId)).toMatchObject({ ok: true });
  });

  it("keeps times rising along the chain when the app server's clock runs ahead of the database's", async () => {
    const requester = await f.actor("requester@contoso.com");
    // The app's clock a minute ahead, standing still there (only Date is faked: it does not advance).
    const ahead = Date.now() + 60_000;
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(ahead);
      // The first may go under the lock (a change moved the head); the second goes by the app clock.
      await checkAccess(db(), { actor: requester, input: { task: "Get-Mailbox" } });
      await checkAccess(db(), { actor: requester, input: { task: "Get-Mailbox" } });
    } finally {
      vi.useRealTimers();
    }
    // A change right after, under the lock and the database clock.
    await createRequest(db(), {
      actor: await f.actor("auditor@contoso.com"),
      input: { target: "Add-MailboxPermission", reason: "Read the legal hold mailbox" },
    });
    const recent = (
      await db()
        .select({ action: auditEvents.action, at: auditEvents.at })
        .from(auditEvents)
        .where(eq(auditEvents.organisationId, f.organisationId))
        .orderBy(desc(auditEvents.seq))
        .limit(5)
    ).reverse();
    const last = recent.findLastIndex((e) => e.action === "access.checked");
    // The check that went by the app clock carries that clock's time, exactly.
    expect(recent[last]!.at.getTime()).toBe(ahead);
    const after = recent.slice(last + 1);
    expect(after.map((e) => e.action)).toContain("request.created");
    for (const event of after) expect(event.at.getTime()).toBeGreaterThanOrEqual(ahead);
  });

  // Needs two connections at once: a transaction that started early, then waited for the lock.
  it.skipIf(kind === "embedded")("race on Postgres: keeps times rising when a change started before the event it waited behind", async () => {
    const change = (n: number) => ({ ...record(n), action: "test.change" });
    const gate = () => {
      let open = () => {};
      const opened = new Promise<void>((resolve) => (open = resolve));
      return { open, opened };
    };
    const earlyMayAppend = gate();
    const laterMayCommit = gate();
    const laterHoldsLock = gate();
    const early = db().transaction(async (tx) => {
      await tx.execute(sql`select now()`); // its now() is this instant
      await earlyMayAppend.opened;
      return appendAuditEvent(tx, change(1)); // waits for the later transaction's lock
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const later = db().transaction(async (tx) => {
      const event = await appendAuditEvent(tx, change(2));
      laterHoldsLock.open();
      await laterMayCommit.opened;
      return event;
    });
    await laterHoldsLock.opened;
    earlyMayAppend.open();
    await new Promise((resolve) => setTimeout(resolve, 100)); // the early one is now waiting for the lock
    laterMayCommit.open();
    const [first, second] = [await later, await early];
    expect(second.seq).toBe(first.seq + 1);
    expect(second.at.getTime()).toBeGreaterThanOrEqual(first.at.getTime());
    expect(await verifyAuditChain(db(), f.organisationId)).toMatchObject({ ok: true });
  });

  it("fails only the record Postgres refuses; the ones batched with it land", async () => {
    const before = await checkedCount();
    const record = (details: Record<string, unknown>) =>
      recordDecisionEvent(db(), {
        organisationId: f.organisationId,
        actor: { type: "system", email: "system" },
        action: "access.checked",
        details,
      }).then(
        () => "recorded",
        () => "refused",
      );
    // The first goes alone; the next four arrive while it is in flight and go as one batch.
    const outcomes = await Promise.all([record({ n: 0 }), record({ n: 1 }), record({ bad: "nul \u0000" }), record({ n: 2 }), record({ n: 3 })]);
    expect(outcomes).toEqual(["recorded", "recorded", "refused", "recorded", "recorded"]);
    expect(await checkedCount()).toBe(before + 4);
    expect(await verifyAuditChain(db(), f.organisationId)).toMatchObject({ ok: true });
  });

  it("keeps one unbroken chain when two app instances record at once", async () => {
    const requester = await f.actor("requester@contoso.com");
    const instances = [db(), anotherInstance(db())];
    const before = await checkedCount();
    await Promise.all(
      Array.from({ length: 60 }, (_, i) => checkAccess(instances[i % 2]!, { actor: requester, input: { task: "Get-Mailbox" } })),
    );
    expect(await checkedCount()).toBe(before + 60);
    expect(await verifyAuditChain(db(), f.organisationId)).toMatchObject({ ok: true });
  });
});
