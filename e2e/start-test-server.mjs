#!/usr/bin/env node
// The browser and contract tests' server: the real production build on a fresh database, with the
// Contoso demo and one Contoso-shaped organisation per spec file seeded, and API tokens for the
// specs' accounts written to .data/e2e/organisations.json.
// With TEST_DATABASE_URL, a fresh database "elevate_e2e" on that Postgres; otherwise embedded PGlite.
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { startEntraTestProvider } from "./entra/oidc-test-provider.mjs";
import { E2E_AUTH_SECRET } from "./test-secret.mjs";

const root = path.resolve(import.meta.dirname, "..");
const dataDir = path.join(root, ".data", "e2e");
rmSync(dataDir, { recursive: true, force: true });
mkdirSync(dataDir, { recursive: true });

const env = { ...process.env, PGLITE_DIR: path.join(dataDir, "pglite"), ELEVATE_DEMO: "1", AUTH_SECRET: E2E_AUTH_SECRET };
if (process.env.TEST_DATABASE_URL) {
  const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
  await admin.query("drop database if exists elevate_e2e with (force)");
  await admin.query("create database elevate_e2e");
  await admin.end();
  const url = new URL(process.env.TEST_DATABASE_URL);
  url.pathname = "/elevate_e2e";
  env.DATABASE_URL = url.toString();
} else {
  env.DATABASE_URL = "";
}

// Seeds the demo and an organisation per spec, and writes their tokens, in one process (the
// embedded database has one owner at a time).
execFileSync(process.execPath, ["--import", "tsx", path.join(root, "e2e/seed-test-organisations.ts")], {
  env: { ...env, ELEVATE_ROOT: root },
  cwd: root,
  stdio: "inherit",
});
console.log(`[e2e] ${process.env.TEST_DATABASE_URL ? "Postgres elevate_e2e" : "embedded"} database seeded, tokens written`);

// Microsoft Entra ID sign-in against a loopback OpenID provider (e2e/sign-in-entra.spec.ts): every
// sign-in page of the suite offers it. The provider lives in this process, as long as the server.
const entra = await startEntraTestProvider({ dataDir, appUrl: process.env.AUTH_URL ?? `http://localhost:${process.env.PORT ?? 3000}` });
Object.assign(env, entra.env);
console.log(`[e2e] Entra test provider at ${entra.issuer}`);

const server = spawn(process.execPath, [path.join(root, "lib/cli/elevate.mjs"), "serve"], { env, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 1));
