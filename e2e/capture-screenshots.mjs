#!/usr/bin/env node
// Captures the README's screenshots from a fresh seeded demo: node e2e/capture-screenshots.mjs
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";

const root = path.resolve(import.meta.dirname, "..");
const port = 3200;
const base = `http://localhost:${port}`;
const dataDir = path.join(root, ".data", "screenshots");
rmSync(dataDir, { recursive: true, force: true });
const env = { ...process.env, PORT: String(port), PGLITE_DIR: path.join(dataDir, "pglite"), DATABASE_URL: "", AUTH_URL: base };
const server = spawn(process.execPath, [path.join(root, "lib/cli/elevate.mjs"), "serve"], { env, stdio: ["ignore", "pipe", "inherit"] });
await new Promise((resolve) => server.stdout.on("data", (chunk) => String(chunk).includes("Elevate is ready") && resolve()));

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const out = (name) => path.join(root, "public", "screenshots", `${name}.png`);
async function as(email, viewport = { width: 1280, height: 860 }) {
  const page = await browser.newPage({ viewport });
  await page.goto(`${base}/signin`);
  await page.getByRole("button", { name: new RegExp(`^Sign in as ${email.replace(/\./g, "\\.")} `) }).click();
  await page.getByTestId("signed-in-as").waitFor();
  return page;
}
const anonymous = await browser.newPage({ viewport: { width: 1280, height: 860 } });
await anonymous.goto(`${base}/signin`);
await anonymous.screenshot({ path: out("sign-in"), fullPage: true });

const admin = await as("admin@contoso.com");
await admin.screenshot({ path: out("dashboard") });
await admin.goto(`${base}/policies`);
await admin.screenshot({ path: out("policies") });
await admin.goto(`${base}/policies/new`);
await admin.getByRole("radio", { name: "Role", exact: true }).check();
await admin.getByRole("radio", { name: "Journaling", exact: true }).check();
await admin.screenshot({ path: out("policy-editor") });
await admin.goto(`${base}/audit`);
await admin.screenshot({ path: out("audit") });
await admin.goto(`${base}/settings`);
await admin.screenshot({ path: out("settings") });

const requester = await as("requester@contoso.com");
await requester.goto(`${base}/requests/new`);
await requester.getByRole("radio", { name: /^New-JournalRule / }).check();
await requester.screenshot({ path: out("request-form") });
await requester.goto(`${base}/runspace?task=Get-Mailbox`);
await requester.getByRole("button", { name: "Run Get-Mailbox", exact: true }).click();
await requester.getByRole("region", { name: "Result", exact: true }).waitFor();
// The run settles (its button usable again), the toast is dismissed, and the page is shown from the top.
await requester.waitForFunction(() => {
  const run = [...document.querySelectorAll("button")].find((b) => b.textContent?.trim() === "Run Get-Mailbox");
  return run && !run.disabled && run.getAttribute("aria-disabled") !== "true";
});
await requester.keyboard.press("Escape");
await requester.locator("[data-toast]").waitFor({ state: "detached" });
await requester.evaluate(() => window.scrollTo(0, 0));
await requester.screenshot({ path: out("runspace"), fullPage: true });

const approver = await as("approver2@contoso.com");
await approver.goto(`${base}/inbox`);
await approver.screenshot({ path: out("inbox") });
const phone = await as("approver1@contoso.com", { width: 390, height: 844 });
await phone.goto(`${base}/inbox`);
await phone.screenshot({ path: out("inbox-phone"), fullPage: true });

await browser.close();
server.kill("SIGTERM");
process.exit(0);
