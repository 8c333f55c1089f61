/**
 * Benchmark of the PAM domain on real Postgres: seeds an organisation with 10,000 users, 30
 * policies, 100,000 requests and 1,000,000 audit events, then prints the latency of the access
 * decision, the approver inbox, a filtered audit search and a full chain verification.
 * Prints figures only; nothing here is a pass/fail test.
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:domain
 *   (a database named elevate_bench is dropped and created on that server)
 */
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { eq, sql } from "drizzle-orm";
import pg from "pg";
import { migrateDatabase, openDatabase } from "@/db/client";
import { auditChainHeads, tasks, users } from "@/db/schema";
import { seedDemo } from "@/db/seed/seed-demo";
import { decideAccess } from "@/lib/access/decide-access";
import { GENESIS_HASH, auditEventHash } from "@/lib/audit/audit-hash";
import { searchAudit } from "@/lib/audit/search-audit";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { loadActor } from "@/lib/auth/load-actor";
import { listRequests } from "@/lib/requests/list-requests";

const USERS = 10_000;
const REQUESTS = 100_000;
const AUDIT_EVENTS = 1_000_000;
const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

function percentile(samples: number[], p: number) {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
const ms = (value: number) => `${value.toFixed(3)} ms`;
async function time<T>(work: () => Promise<T>) {
  const started = performance.now();
  const result = await work();
  return { result, elapsed: performance.now() - started };
}

async function main() {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query("drop database if exists elevate_bench with (force)");
  await admin.query("create database elevate_bench");
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = "/elevate_bench";
  const handle = await openDatabase({ kind: "postgres", url: url.toString() });
  await migrateDatabase(handle);
  const db = handle.db;
  const { organisationId: org } = await seedDemo(db);

  let t = performance.now();
  await db.execute(sql`
    insert into users (id, email, name)
    select 'bench-' || g, 'user' || g || '@contoso.com', 'User ' || g from generate_series(1, ${USERS}) g`);
  await db.execute(sql`
    insert into memberships (organisation_id, user_id)
    select ${org}, 'bench-' || g from generate_series(1, ${USERS}) g`);
  await db.execute(sql`
    insert into role_group_assignments (organisation_id, user_id, role_group_id)
    select ${org}, 'bench-' || g, (select id from role_groups where name = 'Recipient Management' and organisation_id = ${org})
    from generate_series(1, ${USERS}) g where g % 3 = 0`);
  // 30 policies: the 5 of the demo and 25 more on other tasks.
  await db.execute(sql`
    insert into policies (organisation_id, scope_id, target_type, task_id, approver_group_id)
    select ${org}, t.scope_id, 'task', t.id, (select default_approver_group_id from organisations where id = ${org})
    from tasks t where t.organisation_id = ${org} and not exists (select 1 from policies p where p.task_id = t.id)
    order by t.name limit 25`);
  // 100,000 requests over the last 90 days: most decided, some pending in PAM Approvers' inbox,
  // some windows open now.
  await db.execute(sql`
    insert into access_requests (organisation_id, policy_id, requester_id, target_type, task_id, approver_group_id,
      status, duration_minutes, reason, pending_until, decided_at, starts_at, ends_at, created_at)
    select ${org}, p.id, 'bench-' || (1 + g % ${USERS}), 'task', p.task_id, p.approver_group_id,
      (case when g % 50 = 0 then 'pending' when g % 7 = 0 then 'denied' when g % 11 = 0 then 'expired' else 'approved' end)::request_status,
      60, 'Benchmark request ' || g,
      created + interval '1 day',
      case when g % 50 = 0 then null else created + interval '10 minutes' end,
      case when g % 50 <> 0 and g % 7 <> 0 and g % 11 <> 0 then created + interval '10 minutes' end,
      case when g % 50 <> 0 and g % 7 <> 0 and g % 11 <> 0 then created + interval '70 minutes' end,
      created
    from generate_series(1, ${REQUESTS}) g
    cross join lateral (select now() - (g % 2000) * interval '1 hour' - (g % 60) * interval '1 minute' as created) c
    join lateral (select * from policies where organisation_id = ${org} and task_id is not null
                  order by id offset (g % 25) limit 1) p on true`);
  console.log(`seeded ${USERS} users, 30 policies and ${REQUESTS} requests in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  t = performance.now();
  await seedAuditEvents(handle.db, org);
  console.log(`seeded ${AUDIT_EVENTS} hash-chained audit events in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  await db.execute(sql`analyze`);

  // --- decideAccess, in process -------------------------------------------------------------
  const taskNames = (await db.select({ name: tasks.name }).from(tasks).where(eq(tasks.organisationId, org))).map((r) => r.name);
  const samples: number[] = [];
  for (let i = 0; i < 5000; i++) {
    const userId = `bench-${1 + ((i * 7919) % USERS)}`;
    const task = taskNames[i % taskNames.length]!;
    const { elapsed } = await time(() => decideAccess(db, { organisationId: org, userId, scope: "Exchange", task }));
    if (i >= 500) samples.push(elapsed); // the first 500 warm the pool and the plan cache
  }
  console.log(`decideAccess (${samples.length} calls): p50 ${ms(percentile(samples, 50))}, p99 ${ms(percentile(samples, 99))}`);

  // --- the approver inbox and the audit search -----------------------------------------------
  const approverId = (await db.query.users.findFirst({ where: eq(users.email, "approver1@contoso.com") }))!.id;
  const approver = (await loadActor(db, approverId, org))!;
  const auditorId = (await db.query.users.findFirst({ where: eq(users.email, "auditor@contoso.com") }))!.id;
  const auditor = (await loadActor(db, auditorId, org))!;
  const measure = async (label: string, work: () => Promise<unknown>) => {
    const runs: number[] = [];
    for (let i = 0; i < 30; i++) runs.push((await time(work)).elapsed);
    console.log(`${label}: p50 ${ms(percentile(runs.slice(5), 50))}, max ${ms(Math.max(...runs.slice(5)))}`);
  };
  const inbox = await listRequests(db, { actor: approver, input: { approvable: true, status: "pending" } });
  console.log(`approver inbox holds ${inbox.items.length}+ pending requests (first page of 50)`);
  await measure("approver inbox, first page", () => listRequests(db, { actor: approver, input: { approvable: true, status: "pending" } }));
  await measure("audit search, action filter, first page", () => searchAudit(db, { actor: auditor, input: { action: "request.approved" } }));
  await measure("audit search, actor + time range, first page", () =>
    searchAudit(db, { actor: auditor, input: { actor: "user42@contoso.com", since: new Date(Date.now() - 30 * 86400_000).toISOString() } }));
  await measure("audit search, newest first, no filter", () => searchAudit(db, { actor: auditor, input: {} }));
  // Free text is a scan of the details newest-first: quick for a common term, a full scan for a rare one.
  await measure("audit search, text (common term)", () => searchAudit(db, { actor: auditor, input: { q: "journalrule" } }));
  await measure("audit search, text (rare term)", () => searchAudit(db, { actor: auditor, input: { q: "no-such-words" } }));

  // --- full chain verification ----------------------------------------------------------------
  const verification = await time(() => verifyAuditChain(db, org));
  console.log(`verifyAuditChain: ${verification.result.checked} events in ${(verification.elapsed / 1000).toFixed(2)} s, ok = ${verification.result.ok}`);
  await handle.close();
}

/** Writes a valid hash chain of AUDIT_EVENTS events straight into the table, in large batches. */
async function seedAuditEvents(db: Awaited<ReturnType<typeof openDatabase>>["db"], org: string) {
  const head = await db.query.auditChainHeads.findFirst({ where: eq(auditChainHeads.organisationId, org) });
  let prevHash = head?.lastHash ?? GENESIS_HASH;
  let seq = head?.lastSeq ?? 0;
  const actions = ["request.created", "request.approved", "access.checked", "task.executed", "request.denied", "auth.signed-in"];
  const start = Date.now() - 90 * 86400_000;
  const pool = (db as unknown as { $client: pg.Pool }).$client;
  const BATCH = 4000;
  for (let done = 0; done < AUDIT_EVENTS; done += BATCH) {
    const values: unknown[] = [];
    const rows: string[] = [];
    for (let i = 0; i < BATCH && done + i < AUDIT_EVENTS; i++) {
      seq += 1;
      const n = done + i;
      const event = {
        id: randomUUID(),
        organisationId: org,
        seq,
        at: new Date(start + Math.floor((n / AUDIT_EVENTS) * 90 * 86400_000)),
        actorType: "user",
        actorId: `bench-${1 + (n % USERS)}`,
        actorEmail: `user${1 + (n % USERS)}@contoso.com`,
        action: actions[n % actions.length]!,
        targetType: "request",
        targetId: randomUUID(),
        details: { task: "New-JournalRule", n },
        ip: "203.0.113.10",
        userAgent: "bench",
      };
      const hash = auditEventHash(prevHash, event);
      const base = values.length;
      values.push(event.id, event.organisationId, event.seq, event.at, event.actorType, event.actorId, event.actorEmail,
        event.action, event.targetType, event.targetId, JSON.stringify(event.details), event.ip, event.userAgent, prevHash, hash);
      rows.push(`(${Array.from({ length: 15 }, (_, k) => `$${base + k + 1}`).join(",")})`);
      prevHash = hash;
    }
    await pool.query(
      `insert into audit_events (id, organisation_id, seq, at, actor_type, actor_id, actor_email, action, target_type,
        target_id, details, ip, user_agent, prev_hash, hash) values ${rows.join(",")}`,
      values,
    );
  }
  await db.update(auditChainHeads).set({ lastSeq: seq, lastHash: prevHash }).where(eq(auditChainHeads.organisationId, org));
}

await main();
process.exit(0);
