#!/usr/bin/env node
// Benchmark of API v1 over HTTP: POST /api/v1/access/check beside GET /api/health, at 10 and 50
// connections, with autocannon against the production server on real Postgres. Prints figures only:
// requests a second, latency, and where the CPU went (microseconds of CPU per request in the server,
// in Postgres and in autocannon itself, which share these cores).
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node e2e/bench-api.mjs
//   BENCH_VIA=next-start node e2e/bench-api.mjs     (the same, through Next's route handler)
import { execFileSync, spawn } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import pg from "pg";

const root = path.resolve(import.meta.dirname, "..");
const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const port = 3400;
const seconds = Number(process.env.BENCH_SECONDS ?? 10);

const admin = new pg.Client({ connectionString: serverUrl });
await admin.connect();
await admin.query("drop database if exists elevate_bench_api with (force)");
await admin.query("create database elevate_bench_api");
await admin.end();
const url = new URL(serverUrl);
url.pathname = "/elevate_bench_api";
const env = {
  ...process.env,
  DATABASE_URL: url.toString(),
  AUTH_SECRET: "bench-only-secret-bench-only-secret-bench",
  PORT: String(port),
  ELEVATE_API_RATE_LIMIT: "100000000",
  AUTH_URL: `http://localhost:${port}`,
};
const elevate = (...args) => execFileSync(process.execPath, [path.join(root, "lib/cli/elevate.mjs"), ...args], { env, encoding: "utf8" });
elevate("db", "seed");
const { token } = JSON.parse(elevate("--json", "admin", "token", "create", "--email", "requester@contoso.com"));

// BENCH_VIA=next-start serves the API through Next's route handler instead (the production server
// answers /api/v1 itself), to show what that costs; it needs a current build (`npm run build`).
const serverArgs =
  process.env.BENCH_VIA === "next-start"
    ? [path.join(root, "node_modules/next/dist/bin/next"), "start", "--port", String(port)]
    : [path.join(root, "lib/cli/elevate.mjs"), "serve"];
const server = spawn(process.execPath, serverArgs, { env: { ...env, NODE_ENV: "production" }, cwd: root, stdio: ["ignore", "pipe", "inherit"] });
await new Promise((resolve) => server.stdout.on("data", (chunk) => String(chunk).includes("Elevate is ready") && resolve()));

/** CPU time so far, in clock ticks, of the server, of every Postgres process, and of this one. */
function cpuTicks() {
  const ticks = { server: 0, postgres: 0, autocannon: 0 };
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    let stat;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    } catch {
      continue; // gone meanwhile
    }
    const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const used = Number(fields[11]) + Number(fields[12]); // utime + stime
    if (Number(pid) === server.pid) ticks.server += used;
    else if (Number(pid) === process.pid) ticks.autocannon += used;
    else if (name === "postgres") ticks.postgres += used;
  }
  return ticks;
}

function run(title, options) {
  const before = cpuTicks();
  return new Promise((resolve, reject) => {
    autocannon({ url: `http://localhost:${port}${options.path}`, duration: seconds, ...options }, (error, result) => {
      if (error) return reject(error);
      const after = cpuTicks();
      const perRequest = (key) => String(Math.round(((after[key] - before[key]) * 10_000) / result.requests.total)).padStart(4);
      const errors = result.non2xx + result.errors;
      console.log(
        `${title.padEnd(44)} ${String(Math.round(result.requests.average)).padStart(6)} req/s   p50 ${String(result.latency.p50).padStart(4)} ms   p99 ${String(result.latency.p99).padStart(4)} ms   non-2xx/errors ${errors}` +
          `   CPU us/req: server ${perRequest("server")}, postgres ${perRequest("postgres")}, autocannon ${perRequest("autocannon")}`,
      );
      resolve(result);
    });
  });
}

const check = {
  path: "/api/v1/access/check",
  method: "POST",
  headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
  body: JSON.stringify({ scope: "Exchange", task: "Get-Mailbox" }),
};
await run("warm-up", { ...check, connections: 10, duration: 3 });
for (const connections of [10, 50]) {
  await run(`GET /api/health, ${connections} connections`, { path: "/api/health", connections });
  await run(`POST /api/v1/access/check, ${connections} connections`, { ...check, connections });
}
server.kill("SIGTERM");
process.exit(0);
