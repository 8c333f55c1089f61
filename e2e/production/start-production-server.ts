/**
 * A second test server, started as a real organisation would start Elevate: on an empty database
 * with no seed and no demo, ELEVATE_ADMIN_EMAIL naming the first administrator, and email through
 * the Resend SDK (to a fake Resend on loopback that the browser test reads links from). With
 * TEST_DATABASE_URL a fresh Postgres database "elevate_e2e_production"; otherwise embedded PGlite.
 */
import { spawn } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { startFakeResend } from "@/lib/notify/testing/fake-resend";
import { E2E_AUTH_SECRET } from "../test-secret.mjs";
import { PRODUCTION_ADMIN, PRODUCTION_PORT, RESEND_PORT } from "./production-settings.mjs";

const root = path.resolve(import.meta.dirname, "../..");
const dataDir = path.join(root, ".data", "e2e-production");
rmSync(dataDir, { recursive: true, force: true });
mkdirSync(dataDir, { recursive: true });

let databaseUrl = "";
if (process.env.TEST_DATABASE_URL) {
  const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
  await admin.query("drop database if exists elevate_e2e_production with (force)");
  await admin.query("create database elevate_e2e_production");
  await admin.end();
  const url = new URL(process.env.TEST_DATABASE_URL);
  url.pathname = "/elevate_e2e_production";
  databaseUrl = url.toString();
}

const resend = await startFakeResend({ port: RESEND_PORT });

// Both test servers run `elevate serve` in this checkout: wait for the main one's build, so the two
// never build .next at once (the same AUTH_SECRET means this one then finds nothing to build).
const mainHealth = `http://localhost:${process.env.MAIN_TEST_PORT ?? 3100}/api/health`;
for (let i = 0; i < 600; i++) {
  if (await fetch(mainHealth).then((r) => r.ok, () => false)) break;
  await new Promise((resolve) => setTimeout(resolve, 500));
}

const server = spawn(process.execPath, [path.join(root, "lib/cli/elevate.mjs"), "serve"], {
  stdio: "inherit",
  env: {
    ...process.env,
    PORT: String(PRODUCTION_PORT),
    AUTH_URL: `http://localhost:${PRODUCTION_PORT}`,
    AUTH_SECRET: E2E_AUTH_SECRET,
    DATABASE_URL: databaseUrl,
    PGLITE_DIR: path.join(dataDir, "pglite"),
    ELEVATE_DEMO: "0",
    ELEVATE_ADMIN_EMAIL: PRODUCTION_ADMIN,
    RESEND_API_KEY: "re_e2e_production",
    RESEND_BASE_URL: resend.url,
    EMAIL_FROM: "Elevate <elevate@acme.example>",
    ELEVATE_SIGN_IN_RATE_LIMIT: "10000",
    ELEVATE_TRUSTED_PROXIES: "1",
  },
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", async (code) => {
  await resend.close();
  process.exit(code ?? 1);
});
