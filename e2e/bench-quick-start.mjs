#!/usr/bin/env node
// Measures the README's quick start on a fresh clone: `npm install`, then `npm start` until the
// seeded demo answers, then the first pages. Prints the figures; asserts nothing.
// Usage: node e2e/bench-quick-start.mjs [port]   (uses the npm cache as it is on this machine)
import { execSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const port = Number(process.argv[2] ?? 3300);
const repo = path.resolve(import.meta.dirname, "..");
const dir = mkdtempSync(path.join(os.tmpdir(), "elevate-quick-start-"));
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

execSync(`git clone -q ${repo} ${dir}/elevate`);
const cwd = path.join(dir, "elevate");
const env = { ...process.env, PORT: String(port), DATABASE_URL: "", PGLITE_DIR: "", CI: "" };

let t = Date.now();
execSync("npm install --no-audit --no-fund", { cwd, env, stdio: "ignore" });
const install = Date.now() - t;

t = Date.now();
const server = spawn("npm", ["start"], { cwd, env, stdio: ["ignore", "pipe", "inherit"], detached: true });
let output = "";
server.stdout.on("data", (chunk) => (output += chunk));
const url = `http://localhost:${port}`;
for (;;) {
  if (/Elevate is ready at/.test(output)) break;
  if (Date.now() - t > 300_000) throw new Error(`not ready after 5 minutes:\n${output}`);
  await new Promise((r) => setTimeout(r, 100));
}
const startToReady = Date.now() - t;
const buildLine = /Built in ([\d.]+) s/.exec(output)?.[1];

async function timed(pathname) {
  const started = performance.now();
  const response = await fetch(`${url}${pathname}`, { redirect: "manual" });
  await response.text();
  return `${response.status} in ${(performance.now() - started).toFixed(0)} ms`;
}
const firstSignIn = await timed("/signin");
const secondSignIn = await timed("/signin");
const health = await timed("/api/health");

process.kill(-server.pid, "SIGTERM");
rmSync(dir, { recursive: true, force: true });

console.log(`npm install:                   ${seconds(install)}`);
console.log(`npm start until ready:         ${seconds(startToReady)} (of which next build ${buildLine ?? "?"} s)`);
console.log(`install + start, total:        ${seconds(install + startToReady)}`);
console.log(`first GET /signin (seeded):    ${firstSignIn}`);
console.log(`second GET /signin:            ${secondSignIn}`);
console.log(`GET /api/health:               ${health}`);
