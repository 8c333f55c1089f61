/**
 * Benchmark of email delivery, against the fake Resend server on loopback and real Postgres:
 * messages per second with one and with two workers racing (and a check that none is sent twice),
 * then the delay from a decision to its email, with the worker running inside the server.
 * Prints figures only.
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node --import tsx e2e/bench-email.ts
 */
import { execFileSync, spawn } from "node:child_process";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { eq } from "drizzle-orm";
import pg from "pg";
import { Resend } from "resend";
import { migrateDatabase, openDatabase } from "@/db/client";
import { emailOutbox, organisations } from "@/db/schema";
import { seedDemo } from "@/db/seed/seed-demo";
import { deliverOutbox } from "@/lib/notify/deliver-outbox";
import { startFakeResend } from "@/lib/notify/testing/fake-resend";

const root = path.resolve(import.meta.dirname, "..");
const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const MESSAGES = 2000;

const admin = new pg.Client({ connectionString: serverUrl });
await admin.connect();
await admin.query("drop database if exists elevate_bench_email with (force)");
await admin.query("create database elevate_bench_email");
await admin.end();
const url = new URL(serverUrl);
url.pathname = "/elevate_bench_email";

const fake = await startFakeResend();
const resend = new Resend("re_bench", { baseUrl: fake.url });
const handle = await openDatabase({ kind: "postgres", url: url.toString(), maxConnections: 10 });
await migrateDatabase(handle);
await seedDemo(handle.db);
const org = (await handle.db.query.organisations.findFirst({ where: eq(organisations.slug, "contoso") }))!;

async function queue(label: string) {
  await handle.db.insert(emailOutbox).values(
    Array.from({ length: MESSAGES }, (_, i) => ({
      organisationId: org.id,
      eventKey: `bench:${label}:${i}`,
      kind: "bench",
      toEmail: `user${i % 50}@contoso.com`,
      subject: `Benchmark message ${i}`,
      html: `<p>Benchmark message ${i}</p>`,
      text: `Benchmark message ${i}`,
    })),
  );
}

async function drain(workers: number) {
  const started = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      for (;;) {
        const report = await deliverOutbox(handle.db, { resend, from: "Elevate <bench@example.com>", batch: 25, maxBatches: 1 });
        if (report.sent + report.retrying + report.failed === 0) return;
      }
    }),
  );
  return performance.now() - started;
}

for (const workers of [1, 2]) {
  fake.reset();
  await queue(`w${workers}`);
  const elapsed = await drain(workers);
  const keys = new Set(fake.deliveries.map((d) => d.idempotencyKey));
  console.log(
    `${workers} worker${workers > 1 ? "s" : " "}: ${MESSAGES} messages in ${(elapsed / 1000).toFixed(2)} s = ${Math.round(MESSAGES / (elapsed / 1000))} messages/s; delivered ${fake.deliveries.length}, distinct ${keys.size}, POSTs ${fake.requests.length}`,
  );
}
await handle.close();

// --- decision → email, with the worker inside the server -----------------------------------------
const port = 3600;
const env = {
  ...process.env,
  DATABASE_URL: url.toString(),
  AUTH_SECRET: "bench-only-secret-bench-only-secret-bench",
  PORT: String(port),
  AUTH_URL: `http://localhost:${port}`,
  RESEND_API_KEY: "re_bench",
  RESEND_BASE_URL: fake.url,
  EMAIL_FROM: "Elevate <bench@example.com>",
  ELEVATE_API_RATE_LIMIT: "100000",
};
const elevate = (...args: string[]) => execFileSync(process.execPath, [path.join(root, "lib/cli/elevate.mjs"), ...args], { env, encoding: "utf8" });
const tokens = {
  requester: JSON.parse(elevate("--json", "admin", "token", "create", "--email", "requester@contoso.com")).token as string,
  approver: JSON.parse(elevate("--json", "admin", "token", "create", "--email", "approver1@contoso.com")).token as string,
};
const server = spawn(process.execPath, [path.join(root, "lib/cli/elevate.mjs"), "serve"], { env, stdio: ["ignore", "pipe", "inherit"] });
await new Promise<void>((resolve) => server.stdout!.on("data", (chunk) => String(chunk).includes("Elevate is ready") && resolve()));
const api = async (token: string, method: string, pathname: string, body?: unknown) => {
  const response = await fetch(`http://localhost:${port}/api/v1${pathname}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${pathname}: ${response.status} ${await response.text()}`);
  return response.json() as Promise<{ id: string }>;
};

const delays: number[] = [];
for (let i = 0; i < 30; i++) {
  const request = await api(tokens.requester, "POST", "/requests", { target: "New-JournalRule", reason: `Bench ${i}`, durationHours: 1 });
  const seen = fake.deliveries.length;
  const decidedAt = Date.now();
  await api(tokens.approver, "POST", `/requests/${request.id}/approve`, {});
  for (;;) {
    const mail = fake.deliveries.slice(seen).find((d) => d.to.includes("requester@contoso.com") && /approved/i.test(d.subject));
    if (mail) {
      const received = fake.requests.find((r) => r.idempotencyKey === mail.idempotencyKey)?.at ?? Date.now();
      delays.push(received - decidedAt);
      break;
    }
    if (Date.now() - decidedAt > 30_000) throw new Error("no email within 30 s");
    await new Promise((r) => setTimeout(r, 20));
  }
  await api(tokens.approver, "POST", `/requests/${request.id}/revoke`, { comment: "bench" });
}
delays.sort((a, b) => a - b);
console.log(
  `decision → email sent (in-process worker, ${delays.length} decisions): p50 ${delays[Math.floor(delays.length * 0.5)]} ms, p95 ${delays[Math.floor(delays.length * 0.95)]} ms, max ${delays.at(-1)} ms`,
);
server.kill("SIGTERM");
await fake.close();
process.exit(0);
