import { randomInt } from "node:crypto";
import { expect, test } from "./org-fixture";
import { expectNoSeriousViolations } from "./helpers";
import { SignInPage } from "./pages/sign-in-page";

// The sign-in page's default demo picker is the Contoso demo's: these tests are about that demo
// itself, so they stay on Contoso's accounts (each shown with its role). Every other test here
// uses this spec's own organisation.
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

test("a sign-in is audited with the address the trusted proxy saw, not one the browser wrote", async ({ browser, api, org }) => {
  const address = `198.51.100.${randomInt(1, 255)}`;
  const context = await browser.newContext({
    extraHTTPHeaders: { "x-forwarded-for": `6.6.6.6, ${address}`, "x-elevate-client-address": "7.7.7.7" },
  });
  const signInPage = new SignInPage(await context.newPage());
  await signInPage.goto(undefined, org.slug);
  await signInPage.signInAs(org.email("rolemanager"));
  await context.close();

  const auditor = await api("auditor");
  const actor = encodeURIComponent(org.email("rolemanager"));
  const found = await (await auditor.get(`audit?action=auth.signed-in&actor=${actor}&limit=100`)).json();
  const addresses = found.items.map((event: { ip: string | null }) => event.ip);
  expect(addresses).toContain(address);
  expect(addresses).not.toContain("6.6.6.6");
  expect(addresses).not.toContain("7.7.7.7");
});

test("an anonymous visit lands on sign-in and returns to the page afterwards", async ({ page, signInPage, org }) => {
  await page.goto("/audit?action=request.approved");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Faudit%3Faction%3Drequest\.approved$/);
  // The same sign-in page, with this spec's organisation's demo picker.
  await page.goto(`${page.url()}&org=${org.slug}`);
  await signInPage.signInAs(org.email("auditor"));
  await expect(page).toHaveURL("/audit?action=request.approved");
  await expect(page.getByRole("heading", { name: "Audit", level: 1 })).toBeVisible();
});

test("a signed-in visit to sign-in goes on to a page of this site, whatever its callbackUrl says", async ({ signIn, baseURL }) => {
  const page = await signIn("requester");
  // Tab, LF and CR: browsers drop them and read `//evil.example`, and a raw newline broke the
  // Location header (500). Backslashes, encoded slashes and other origins are refused the same.
  for (const hostile of ["/%09/evil.example/", "/%0a/evil.example/", "/%0d%0aSet-Cookie:%20a=b", "//evil.example/", "/%5Cevil.example", "/%252f%252fevil.example", "https://evil.example/"]) {
    const response = await page.request.get(`/signin?callbackUrl=${hostile}`, { maxRedirects: 0 });
    expect(response.status(), hostile).toBe(307);
    expect(response.headers().location, hostile).toBe("/");
  }
  await page.goto("/signin?callbackUrl=/%09/evil.example/");
  await expect(page).toHaveURL(`${baseURL}/`);
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
  // A path of this site is still where sign-in goes on to.
  await page.goto("/signin?callbackUrl=%2Faudit%3Faction%3Drequest.approved");
  await expect(page).toHaveURL(`${baseURL}/audit?action=request.approved`);
});

test("a demo sign-in as a disabled or unknown account shows the page's message, and the refusal is audited", async ({ page, signInPage, api, org }) => {
  const email = org.email("approver2");
  const member = `members/${encodeURIComponent(email)}`;
  const button = (address: string) => page.getByRole("button", { name: new RegExp(`^Sign in as ${address.replace(/[.+]/g, "\\$&")} `) });
  const admin = await api("admin");
  // The picker was opened before an administrator disabled the account.
  await signInPage.goto(undefined, org.slug);
  expect((await admin.patch(member, { data: { disabled: true } })).status()).toBe(200);
  try {
    await button(email).click();
    await expect(page).toHaveURL(/\/signin\?error=CredentialsSignin/);
    await expect(page.getByRole("alert").filter({ hasText: "demo account" })).toHaveText("That demo account is not available.");
  } finally {
    expect((await admin.patch(member, { data: { disabled: false } })).status()).toBe(200);
  }
  const refusals = await (await (await api("auditor")).get(`audit?action=auth.refused&actor=${encodeURIComponent(email)}&limit=10`)).json();
  expect(refusals.items[0]).toMatchObject({ action: "auth.refused", actor: email, details: { method: "demo", reason: "membership disabled" } });

  // An address that is no account at all: the form posts whatever it is given.
  await signInPage.goto(undefined, org.slug);
  await page.locator(`input[name="email"][value="${email}"]`).evaluate((input, other) => ((input as HTMLInputElement).value = other), `nobody@${org.slug}.example`);
  await button(email).click();
  await expect(page).toHaveURL(/\/signin\?error=CredentialsSignin/);
  await expect(page.getByRole("alert").filter({ hasText: "demo account" })).toHaveText("That demo account is not available.");
  // Nobody was signed in by either.
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
});

test("signing out ends the session: the dashboard sends you back to sign-in", async ({ page, signInPage, dashboard, org }) => {
  await signInPage.goto(undefined, org.slug);
  await signInPage.signInAs(org.email("requester"));
  await dashboard.signOut();
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2F$/);
});

test("a copied session cookie stops working once its session is signed out on the server", async ({ browser, org }) => {
  const original = await browser.newContext();
  const page = await original.newPage();
  const signInPage = new SignInPage(page);
  await signInPage.goto(undefined, org.slug);
  await signInPage.signInAs(org.email("approver1"));

  const copy = await browser.newContext({ storageState: await original.storageState() });
  const copyPage = await copy.newPage();
  await copyPage.goto("/");
  await expect(copyPage.getByTestId("identity-email")).toHaveText(org.email("approver1"));

  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/signin/);
  // The copy still holds a well-signed cookie; the server no longer honours the session it names.
  await copyPage.goto("/");
  await expect(copyPage).toHaveURL(/\/signin/);
  await original.close();
  await copy.close();
});

test("a requestor who opens an admin screen is refused cleanly", async ({ page, signInPage, org }) => {
  await signInPage.goto(undefined, org.slug);
  await signInPage.signInAs(org.email("requester"));
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
    "API tokens",
  ]);
});

test("a magic link from the dev mailbox signs you in", async ({ page, signInPage, dashboard, org }) => {
  await signInPage.goto();
  await signInPage.askForLink(org.email("requester2"));
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await page.getByRole("link", { name: "Open the dev mailbox" }).click();
  const message = page
    .getByRole("listitem")
    .filter({ hasText: `To ${org.email("requester2")}` })
    .filter({ hasText: "Sign in to Elevate" })
    .first();
  await message.locator("summary").click();
  const text = await message.locator("pre").innerText();
  const link = /https?:\/\/\S+/.exec(text)?.[0];
  expect(link).toBeDefined();
  await page.goto(link!);
  await expect(dashboard.email()).toHaveText(org.email("requester2"));
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
