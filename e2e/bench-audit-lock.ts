/**
 * Benchmark of the organisation's audit chain-head lock on real Postgres (issue 15, Speed). Prints
 * figures only; nothing here is a pass/fail test.
 *
 * 1. In process: the statements one approval that meets its quorum sends inside its transaction,
 *    which of them takes the chain-head lock, and how long the lock is held (from the start of that
 *    statement to the end of COMMIT), by wrapping pg's Client#query.
 * 2. Over HTTP, against the production server: POST /api/v1/access/check p50/p99 at 10 connections
 *    with no approvals running, then while 20 approvals a second run in the same organisation
 *    (decision records append to the same chain head the approvals lock).
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node --import tsx e2e/bench-audit-lock.ts
 *   (a database named elevate_bench_audit is dropped and created on that server; BENCH_SECONDS=10)
 */
import { execFileSync, spawn } from "node:child_process";
import { loadavg } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { eq } from "drizzle-orm";
import pg from "pg";
import { openDatabase } from "@/db/client";
import { users } from "@/db/schema";
import { approveRequest } from "@/lib/approvals/approve-request";
import { loadActor } from "@/lib/auth/load-actor";

// autocannon ships no types: the little of it used here.
interface CannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
}
type Cannon = (options: Record<string, unknown>, done: (error: Error | null, result: CannonResult) => void) => void;
const autocannon = ((await import("autocannon" as string)) as { default: Cannon }).default;

const root = path.resolve(import.meta.dirname, "..");
const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const port = 3410;
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const APPROVALS_PER_SECOND = 20;
const load = () => loadavg().map((l) => l.toFixed(2)).join(" ");

const admin = new pg.Client({ connectionString: serverUrl });
await admin.connect();
await admin.query("drop database if exists elevate_bench_audit with (force)");
await admin.query("create database elevate_bench_audit");
await admin.end();
const url = new URL(serverUrl);
url.pathname = "/elevate_bench_audit";
const env = {
  ...process.env,
  DATABASE_URL: url.toString(),
  AUTH_SECRET: "bench-only-secret-bench-only-secret-bench",
  PORT: String(port),
  ELEVATE_API_RATE_LIMIT: "100000000",
  AUTH_URL: `http://localhost:${port}`,
};
const elevate = (...args: string[]) =>
  execFileSync(process.execPath, [path.join(root, "lib/cli/elevate.mjs"), ...args], { env, encoding: "utf8" });
elevate("db", "seed");
const tokenOf = (email: string) => (JSON.parse(elevate("--json", "admin", "token", "create", "--email", email)) as { token: string }).token;
const requesterToken = tokenOf("requester@contoso.com");
const approverToken = tokenOf("approver1@contoso.com");

// Pending requests to approve: the demo's journal-rule policy (manual, PAM Approvers, one approval)
// for requester@contoso.com, written straight into the table (their creation is not measured).
const sqlClient = new pg.Client({ connectionString: url.toString() });
await sqlClient.connect();
const pendingIds = async (count: number) =>
  (
    await sqlClient.query<{ id: string }>(
      `insert into access_requests (organisation_id, policy_id, requester_id, target_type, task_id, role_id, role_group_id,
         approver_group_id, required_approvals, duration_minutes, reason, pending_until)
       select p.organisation_id, p.id, u.id, p.target_type, p.task_id, p.role_id, p.role_group_id, p.approver_group_id, 1, 60,
         'Benchmark request ' || g, now() + interval '1 day'
       from generate_series(1, $1::int) g, policies p
       join tasks t on t.id = p.task_id
       join users u on u.email = 'requester@contoso.com'
       where t.name = 'New-JournalRule' and p.approval_type = 'manual' and p.required_approvals = 1
       returning access_requests.id`,
      [count],
    )
  ).rows.map((r) => r.id);

// --- 1. statements per quorum approval, and the lock's hold time, in process --------------------
interface Statement {
  text: string;
  started: number;
  ended: number;
}
let recording: Statement[] | null = null;
const originalQuery = pg.Client.prototype.query as (...args: unknown[]) => unknown;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  const result = originalQuery.apply(this, args);
  const log = recording;
  if (log && result instanceof Promise) {
    const first = args[0] as string | { text?: string; name?: string };
    const statement = { text: typeof first === "string" ? first : (first.text ?? first.name ?? "?"), started: performance.now(), ended: 0 };
    log.push(statement);
    void result.then(
      () => (statement.ended = performance.now()),
      () => (statement.ended = performance.now()),
    );
  }
  return result;
} as typeof pg.Client.prototype.query;

const handle = await openDatabase({ kind: "postgres", url: url.toString() });
const approverId = (await handle.db.query.users.findFirst({ where: eq(users.email, "approver1@contoso.com") }))!.id;
const [{ organisation_id: organisationId }] = (
  await sqlClient.query<{ organisation_id: string }>("select organisation_id from memberships where user_id = $1 limit 1", [approverId])
).rows as [{ organisation_id: string }];
const approver = (await loadActor(handle.db, approverId, organisationId))!;
const holds: number[] = [];
let statementsInTransaction = 0;
let lockAt = 0;
let sample: string[] = [];
for (const requestId of await pendingIds(30)) {
  recording = [];
  await approveRequest(handle.db, { actor: approver, requestId });
  const log = recording as Statement[];
  recording = null;
  const begin = log.findIndex((s) => /^\s*begin/i.test(s.text));
  const commit = log.findIndex((s) => /^\s*commit/i.test(s.text));
  const inside = log.slice(begin, commit + 1);
  const lock = inside.findIndex((s) => /audit_chain_heads/i.test(s.text));
  statementsInTransaction = inside.length;
  lockAt = lock;
  holds.push(inside[inside.length - 1]!.ended - inside[lock]!.started);
  sample = inside.map((s) => s.text.replace(/\s+/g, " ").trim().slice(0, 90));
}
await handle.close();
const sorted = holds.slice(5).sort((a, b) => a - b);
console.log(`load average (1/5/15 min): ${load()}`);
console.log(
  `approval that meets its quorum: ${statementsInTransaction} statements from BEGIN to COMMIT inclusive ` +
    `(${statementsInTransaction - 2} without them); the chain-head lock is taken by statement ${lockAt} ` +
    `(BEGIN is 0) and held for ${statementsInTransaction - lockAt - 1} more before COMMIT`,
);
for (const [i, text] of sample.entries()) console.log(`  ${String(i).padStart(2)} ${text}`);
console.log(
  `chain-head lock held (lock statement start to COMMIT end), ${sorted.length} approvals: ` +
    `p50 ${sorted[Math.floor(sorted.length / 2)]!.toFixed(2)} ms, max ${sorted.at(-1)!.toFixed(2)} ms`,
);

// --- 2. access checks over HTTP, without and with approvals -------------------------------------
const server = spawn(process.execPath, [path.join(root, "lib/cli/elevate.mjs"), "serve"], {
  env: { ...env, NODE_ENV: "production" },
  cwd: root,
  stdio: ["ignore", "pipe", "inherit"],
});
await new Promise<void>((resolve) => server.stdout!.on("data", (chunk) => String(chunk).includes("Elevate is ready") && resolve()));

function checks(title: string, duration = seconds) {
  return new Promise<CannonResult>((resolve, reject) => {
    autocannon(
      {
        url: `http://localhost:${port}/api/v1/access/check`,
        method: "POST",
        headers: { authorization: `Bearer ${requesterToken}`, "content-type": "application/json" },
        body: JSON.stringify({ scope: "Exchange", task: "Get-Mailbox" }),
        connections: 10,
        duration,
      },
      (error, result) => {
        if (error) return reject(error);
        if (title) {
          console.log(
            `${title.padEnd(52)} ${String(Math.round(result.requests.average)).padStart(6)} req/s   p50 ${String(result.latency.p50).padStart(4)} ms   ` +
              `p99 ${String(result.latency.p99).padStart(4)} ms   non-2xx/errors ${result.non2xx + result.errors}   load ${load()}`,
          );
        }
        resolve(result);
      },
    );
  });
}

/** 20 approvals a second, each of a fresh pending request, until stopped; their latencies. */
function approvals(ids: string[]) {
  const latencies: number[] = [];
  let failed = 0;
  const inFlight = new Set<Promise<void>>();
  const timer = setInterval(() => {
    const id = ids.shift();
    if (!id) return;
    const started = performance.now();
    const call = fetch(`http://localhost:${port}/api/v1/requests/${id}/approve`, {
      method: "POST",
      headers: { authorization: `Bearer ${approverToken}`, "content-type": "application/json" },
      body: "{}",
    })
      .then(async (response) => {
        await response.arrayBuffer();
        if (response.ok) latencies.push(performance.now() - started);
        else failed++;
      })
      .catch(() => void failed++)
      .finally(() => inFlight.delete(call));
    inFlight.add(call);
  }, 1000 / APPROVALS_PER_SECOND);
  return async () => {
    clearInterval(timer);
    await Promise.all(inFlight);
    const s = latencies.sort((a, b) => a - b);
    const at = (p: number) => (s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))]!.toFixed(1) : "-");
    console.log(`  approvals meanwhile: ${s.length} done (${(s.length / seconds).toFixed(1)}/s), ${failed} failed, p50 ${at(0.5)} ms, p99 ${at(0.99)} ms`);
  };
}

await checks("", 3); // warm-up
const idle = await checks("access check, 10 connections, no approvals");
const stop = approvals(await pendingIds(APPROVALS_PER_SECOND * seconds + 50));
const busy = await checks(`access check, 10 connections, ${APPROVALS_PER_SECOND} approvals/s`);
await stop();
console.log(`p99 with approvals / p99 without: ${(busy.latency.p99 / idle.latency.p99).toFixed(2)} (target <= 1.5)`);
await sqlClient.end();
server.kill("SIGTERM");
process.exit(0);
