import { randomInt } from "node:crypto";
import { tokenOf } from "./api/api-fixtures";
import { expect, test } from "./fixtures";
import { expectNoSeriousViolations } from "./helpers";

// The Contoso demo accounts and the role each must be shown with.
const accounts: [string, string][] = [
  ["admin@contoso.com", "Global Administrator"],
  ["rolemanager@contoso.com", "Role Management"],
  ["auditor@contoso.com", "Auditor"],
  ["approver1@contoso.com", "Approver (PAM Approvers)"],
  ["approver2@contoso.com", "Approver (Exchange Leads, PAM Approvers)"],
  ["requester@contoso.com", "Requestor"],
  ["requester2@contoso.com", "Requestor"],
  ["svc-backup@contoso.com", "Excluded system account"],
];

for (const [email, role] of accounts) {
  test(`${email} signs in with one click and is shown as ${role}`, async ({ signInPage, dashboard, page }) => {
    await signInPage.goto();
    await signInPage.signInAs(email);
    await expect(page).toHaveURL("/");
    await expect(dashboard.email()).toHaveText(email);
    await expect(dashboard.organisation()).toHaveText("Contoso");
    await expect(dashboard.roles()).toContainText(role);
  });
}

test("a sign-in is audited with the address the trusted proxy saw, not one the browser wrote", async ({ browser, playwright, baseURL }) => {
  const address = `198.51.100.${randomInt(1, 255)}`;
  const context = await browser.newContext({
    extraHTTPHeaders: { "x-forwarded-for": `6.6.6.6, ${address}`, "x-elevate-client-address": "7.7.7.7" },
  });
  const page = await context.newPage();
  await page.goto("/signin");
  await page.getByRole("button", { name: /^Sign in as rolemanager@contoso\.com / }).click();
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
  await context.close();

  const auditor = await playwright.request.newContext({ extraHTTPHeaders: { authorization: `Bearer ${tokenOf("auditor")}` } });
  const found = await (await auditor.get(`${baseURL}/api/v1/audit?action=auth.signed-in&actor=rolemanager@contoso.com&limit=100`)).json();
  await auditor.dispose();
  const addresses = found.items.map((event: { ip: string | null }) => event.ip);
  expect(addresses).toContain(address);
  expect(addresses).not.toContain("6.6.6.6");
  expect(addresses).not.toContain("7.7.7.7");
});

test("an anonymous visit lands on sign-in and returns to the page afterwards", async ({ page, signInPage }) => {
  await page.goto("/audit?action=request.approved");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Faudit%3Faction%3Drequest\.approved$/);
  await signInPage.signInAs("auditor@contoso.com");
  await expect(page).toHaveURL("/audit?action=request.approved");
  await expect(page.getByRole("heading", { name: "Audit", level: 1 })).toBeVisible();
});

test("signing out ends the session: the dashboard sends you back to sign-in", async ({ page, signInPage, dashboard }) => {
  await signInPage.goto();
  await signInPage.signInAs("requester@contoso.com");
  await dashboard.signOut();
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2F$/);
});

test("a copied session cookie stops working once its session is signed out on the server", async ({ browser }) => {
  const original = await browser.newContext();
  const page = await original.newPage();
  await page.goto("/signin");
  await page.getByRole("button", { name: /^Sign in as approver1@contoso\.com / }).click();
  await expect(page.getByTestId("signed-in-as")).toBeVisible();

  const copy = await browser.newContext({ storageState: await original.storageState() });
  const copyPage = await copy.newPage();
  await copyPage.goto("/");
  await expect(copyPage.getByTestId("identity-email")).toHaveText("approver1@contoso.com");

  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/signin/);
  // The copy still holds a well-signed cookie; the server no longer honours the session it names.
  await copyPage.goto("/");
  await expect(copyPage).toHaveURL(/\/signin/);
  await original.close();
  await copy.close();
});

test("a requestor who opens an admin screen is refused cleanly", async ({ page, signInPage }) => {
  await signInPage.goto();
  await signInPage.signInAs("requester@contoso.com");
  for (const [path, screen] of [
    ["/policies", "Policies"],
    ["/settings", "Settings"],
    ["/audit", "Audit"],
    ["/inbox", "Approvals"],
  ]) {
    await page.goto(path!);
    await expect(page.getByRole("heading", { name: `You don't have access to ${screen}` })).toBeVisible();
  }
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link")).toHaveText([
    "Dashboard",
    "My requests",
    "Runspace",
  ]);
});

test("a magic link from the dev mailbox signs you in", async ({ page, signInPage, dashboard }) => {
  await signInPage.goto();
  await signInPage.askForLink("requester2@contoso.com");
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await page.getByRole("link", { name: "Open the dev mailbox" }).click();
  const message = page
    .getByRole("listitem")
    .filter({ hasText: "To requester2@contoso.com" })
    .filter({ hasText: "Sign in to Elevate" })
    .first();
  await message.locator("summary").click();
  const text = await message.locator("pre").innerText();
  const link = /https?:\/\/\S+/.exec(text)?.[0];
  expect(link).toBeDefined();
  await page.goto(link!);
  await expect(dashboard.email()).toHaveText("requester2@contoso.com");
});

test("a bad email address is explained next to the field", async ({ page, signInPage }) => {
  await signInPage.goto();
  await signInPage.askForLink("not-an-address");
  const field = page.getByLabel("Work email");
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#email-error")).toHaveText("Enter an email address such as you@contoso.com.");
});

test("the sign-in page and the dev mailbox have no serious accessibility violations", async ({ page }) => {
  for (const path of ["/signin", "/dev/mailbox"]) {
    await page.goto(path);
    await expectNoSeriousViolations(page);
  }
});
