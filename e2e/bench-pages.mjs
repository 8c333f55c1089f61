#!/usr/bin/env node
// Benchmark of the admin center's pages: with 10,000 requests in a real Postgres, the server
// response time (p95) of each main page for a signed-in user, then Lighthouse performance and
// accessibility scores of the dashboard and the inbox (Debian's Chromium). Prints figures only.
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node e2e/bench-pages.mjs
import { execFileSync, spawn } from "node:child_process";
import path from "node:path";
import { chromium } from "@playwright/test";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";
import pg from "pg";

const root = path.resolve(import.meta.dirname, "..");
const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const port = 3500;
const base = `http://localhost:${port}`;
const chromePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

const admin = new pg.Client({ connectionString: serverUrl });
await admin.connect();
await admin.query("drop database if exists elevate_bench_pages with (force)");
await admin.query("create database elevate_bench_pages");
await admin.end();
const url = new URL(serverUrl);
url.pathname = "/elevate_bench_pages";
const env = {
  ...process.env,
  DATABASE_URL: url.toString(),
  AUTH_SECRET: "bench-only-secret-bench-only-secret-bench",
  PORT: String(port),
  AUTH_URL: base,
  ELEVATE_DEMO: "1",
  ELEVATE_SIGN_IN_RATE_LIMIT: "100000",
};
execFileSync(process.execPath, [path.join(root, "lib/cli/elevate.mjs"), "db", "seed"], { env });

// 10,000 requests over 60 days by the demo requesters, some pending in PAM Approvers' inbox.
const db = new pg.Client({ connectionString: env.DATABASE_URL });
await db.connect();
await db.query(`
  insert into access_requests (organisation_id, policy_id, requester_id, target_type, task_id, approver_group_id,
    status, duration_minutes, reason, pending_until, decided_at, starts_at, ends_at, created_at)
  select p.organisation_id, p.id, u.id, 'task', p.task_id, p.approver_group_id,
    (case when g % 400 = 0 then 'pending' when g % 7 = 0 then 'denied' else 'approved' end)::request_status,
    60, 'Bench request ' || g, now() + interval '1 day',
    case when g % 400 = 0 then null else c.created + interval '12 minutes' end,
    case when g % 400 <> 0 and g % 7 <> 0 then c.created + interval '12 minutes' end,
    case when g % 400 <> 0 and g % 7 <> 0 then c.created + interval '72 minutes' end,
    c.created
  from generate_series(1, 10000) g
  cross join lateral (select now() - (g % 1440) * interval '1 hour' as created) c
  join users u on u.email = case when g % 2 = 0 then 'requester@contoso.com' else 'requester2@contoso.com' end
  join lateral (select * from policies where task_id is not null order by id offset (g % 3) limit 1) p on true`);
await db.query("analyze");
await db.end();

const server = spawn(process.execPath, [path.join(root, "lib/cli/elevate.mjs"), "serve"], { env, stdio: ["ignore", "pipe", "inherit"] });
await new Promise((resolve) => server.stdout.on("data", (chunk) => String(chunk).includes("Elevate is ready") && resolve()));

const launchArgs = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const browser = await chromium.launch({ executablePath: chromePath, args: launchArgs });
async function cookieFor(email) {
  const page = await browser.newPage();
  await page.goto(`${base}/signin`);
  await page.getByRole("button", { name: new RegExp(`^Sign in as ${email.replace(/\./g, "\\.")} `) }).click();
  await page.getByTestId("signed-in-as").waitFor();
  const cookies = await page.context().cookies();
  await page.close();
  return cookies.map((c) => `${c.name}=${c.value}`).join("; ");
}
const cookies = { admin: await cookieFor("admin@contoso.com"), approver: await cookieFor("approver1@contoso.com"), requester: await cookieFor("requester@contoso.com") };

async function serverTimes(pathname, cookie, runs = 40) {
  const times = [];
  for (let i = 0; i < runs + 5; i++) {
    const started = performance.now();
    const response = await fetch(`${base}${pathname}`, { headers: { cookie } });
    await response.text();
    if (i >= 5) times.push(performance.now() - started);
    if (!response.ok) throw new Error(`${pathname} answered ${response.status}`);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(runs * 0.5)], p95: times[Math.floor(runs * 0.95)] };
}
console.log("page (who)                    p50 ms   p95 ms");
for (const [pathname, who] of [
  ["/", "admin"], ["/requests", "requester"], ["/requests/new", "requester"], ["/inbox", "approver"], ["/access", "admin"],
  ["/runspace", "requester"], ["/policies", "admin"], ["/audit", "admin"], ["/settings", "admin"],
]) {
  const t = await serverTimes(pathname, cookies[who]);
  console.log(`${`${pathname} (${who})`.padEnd(28)} ${t.p50.toFixed(1).padStart(7)} ${t.p95.toFixed(1).padStart(8)}`);
}
await browser.close();

const { launch } = await import("chrome-launcher");
const chrome = await launch({ chromePath, chromeFlags: ["--headless=new", ...launchArgs] });
for (const [pathname, who] of [["/", "admin"], ["/inbox", "approver"]]) {
  // The admin center is a desktop tool: Lighthouse's desktop profile (its default throttles a phone).
  const result = await lighthouse(
    `${base}${pathname}`,
    { port: chrome.port, onlyCategories: ["performance", "accessibility"], extraHeaders: { Cookie: cookies[who] }, logLevel: "error" },
    desktopConfig,
  );
  const { performance: perf, accessibility } = result.lhr.categories;
  console.log(`Lighthouse ${pathname} (${who}): performance ${Math.round(perf.score * 100)}, accessibility ${Math.round(accessibility.score * 100)}`);
}
await chrome.kill();
server.kill("SIGTERM");
process.exit(0);
