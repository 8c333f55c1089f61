import { existsSync } from "node:fs";
import { defineConfig } from "@playwright/test";
import { productionUrl } from "./e2e/production/production-settings.mjs";

const PORT = 3100;
const baseURL = `http://localhost:${PORT}`; // localhost, not 127.0.0.1: Auth.js cookies are per host.

// Debian's Chromium: Playwright cannot download its own browser on these machines.
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: process.env.CI
    ? [["list"], ["json", { outputFile: ".data/playwright-results.json" }]]
    : [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: existsSync(chromium) ? chromium : undefined,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: [
    {
      // The real production server on a fresh database: real Postgres with TEST_DATABASE_URL.
      command: "node e2e/start-test-server.mjs",
      url: `${baseURL}/api/health`,
      timeout: 300_000,
      reuseExistingServer: !process.env.CI,
      stdout: "pipe",
      env: {
        PORT: String(PORT),
        AUTH_URL: baseURL,
        RESEND_API_KEY: "",
        // The suites sign in dozens of times from one address.
        ELEVATE_SIGN_IN_RATE_LIMIT: "10000",
        ELEVATE_API_RATE_LIMIT: "120",
        // As if behind one reverse proxy: each test context's X-Forwarded-For gives it its own address.
        ELEVATE_TRUSTED_PROXIES: "1",
      },
    },
    {
      // A real organisation's start: an empty database, no seed, no demo (e2e/production/).
      command: "node --import tsx e2e/production/start-production-server.ts",
      url: `${productionUrl}/api/health`,
      timeout: 300_000,
      reuseExistingServer: !process.env.CI,
      stdout: "pipe",
      env: { MAIN_TEST_PORT: String(PORT) },
    },
  ],
});
