#!/usr/bin/env node
// Benchmark of API v1 over HTTP: POST /api/v1/access/check beside GET /api/health, at 10 and 50
// connections, with autocannon against the production server on real Postgres. Prints figures only.
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node e2e/bench-api.mjs
import { execFileSync, spawn } from "node:child_process";
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

const server = spawn(process.execPath, [path.join(root, "lib/cli/elevate.mjs"), "serve"], { env, stdio: ["ignore", "pipe", "inherit"] });
await new Promise((resolve) => server.stdout.on("data", (chunk) => String(chunk).includes("Elevate is ready") && resolve()));

function run(title, options) {
  return new Promise((resolve, reject) => {
    autocannon({ url: `http://localhost:${port}${options.path}`, duration: seconds, ...options }, (error, result) => {
      if (error) return reject(error);
      const errors = result.non2xx + result.errors;
      console.log(
        `${title.padEnd(44)} ${String(Math.round(result.requests.average)).padStart(6)} req/s   p50 ${String(result.latency.p50).padStart(4)} ms   p99 ${String(result.latency.p99).padStart(4)} ms   non-2xx/errors ${errors}`,
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
