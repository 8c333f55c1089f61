/**
 * Microsoft Entra ID sign-in end to end, against a real OpenID provider on loopback set up like an
 * Entra tenant (e2e/entra/oidc-test-provider.mjs, started by the test server). The provider's login
 * page takes any login; the login decides the claims (e2e/entra/entra-test-tenant.mjs).
 */
import type { Browser, Page } from "@playwright/test";
import { ENTRA_OTHER_TENANT, ENTRA_TEST_TENANT } from "./entra/entra-test-tenant.mjs";
import { expect, orgOf, test } from "./org-fixture";
import { DashboardPage } from "./pages/dashboard-page";
import { SignInPage } from "./pages/sign-in-page";

// The second sign-in finds the identity the first one linked.
test.describe.configure({ mode: "serial" });

test.beforeAll(async ({}, testInfo) => {
  // This organisation's people are in the test tenant (also the tenant of the deployment's issuer):
  // listing it for just-in-time membership trusts it, and its people who are not members yet join
  // on their first sign-in.
  const admin = await orgOf(testInfo).api("admin");
  const answer = await admin.patch("settings", { data: { jitEntraTenantIds: [ENTRA_TEST_TENANT] } });
  expect(answer.status(), await answer.text()).toBe(200);
  await admin.dispose();
});

/** A browser of its own (no provider session left over), signed in at the provider as `login`. */
async function signInWithEntra(browser: Browser, login: string): Promise<Page> {
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  // Nothing leaves the machine: the provider's dev pages ask for a web font.
  await context.route(
    (url) => url.hostname !== "localhost" && url.hostname !== "127.0.0.1",
    (route) => route.abort(),
  );
  const page = await context.newPage();
  await page.goto("/signin");
  await page.getByRole("button", { name: "Sign in with Microsoft Entra ID" }).click();
  await page.getByPlaceholder("Enter any login").fill(login);
  await page.getByPlaceholder("and password").fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  return page;
}

async function auditOf(testInfo: Parameters<typeof orgOf>[0], query: string) {
  const auditor = await orgOf(testInfo).api("auditor");
  const answer = await auditor.get(`audit?${query}`);
  expect(answer.status()).toBe(200);
  const { items } = await answer.json();
  await auditor.dispose();
  return items as { action: string; actor: string; details: Record<string, unknown> }[];
}

test("a member clicks Sign in with Microsoft Entra ID, signs in at the provider and lands on the dashboard", async ({ browser, org }) => {
  const page = await signInWithEntra(browser, org.email("requester"));
  await expect(page).toHaveURL("/");
  const dashboard = new DashboardPage(page);
  await expect(dashboard.email()).toHaveText(org.email("requester"));
  await expect(dashboard.organisation()).toHaveText(org.name);
  await page.context().close();
});

test("their next sign-in finds them by the linked identity, though the token has no email claim", async ({ browser, org }, testInfo) => {
  const page = await signInWithEntra(browser, `${org.email("requester")}#no-email`);
  await expect(page).toHaveURL("/");
  await expect(new DashboardPage(page).email()).toHaveText(org.email("requester"));
  await page.context().close();
  const signIns = await auditOf(testInfo, `action=auth.signed-in&actor=${encodeURIComponent(org.email("requester"))}`);
  expect(signIns.filter((event) => event.details.method === "microsoft-entra-id")).toHaveLength(2);
});

test("someone who is no member is refused with a clear message on the sign-in page", async ({ browser }) => {
  const page = await signInWithEntra(browser, "other/outsider@elsewhere.example");
  await expect(page).toHaveURL(/\/signin\?error=AccessDenied/);
  await expect(page.getByRole("main").getByRole("alert")).toContainText("not a member of an organisation on this Elevate");
  await expect(page.getByRole("button", { name: "Sign in with Microsoft Entra ID" })).toBeVisible();
  await page.context().close();
});

test("a member signing in from a tenant the organisation does not list is refused, and it is audited", async ({ browser, org }, testInfo) => {
  const page = await signInWithEntra(browser, `other/${org.email("requester2")}`);
  await expect(page.getByRole("main").getByRole("alert")).toContainText("not a member");
  await page.context().close();
  const refusals = await auditOf(testInfo, `action=auth.refused&actor=${encodeURIComponent(org.email("requester2"))}`);
  expect(refusals[0]?.details).toMatchObject({ method: "microsoft-entra-id", tenantId: ENTRA_OTHER_TENANT });
});

test("a person of the organisation's tenant becomes a plain member on their first sign-in", async ({ browser, org }, testInfo) => {
  const newcomer = `newcomer@${org.slug}.example`;
  const page = await signInWithEntra(browser, newcomer);
  await expect(page).toHaveURL("/");
  const dashboard = new DashboardPage(page);
  await expect(dashboard.email()).toHaveText(newcomer);
  await expect(dashboard.roles()).toHaveText("Requestor");
  await page.context().close();
  const added = await auditOf(testInfo, `action=member.added&q=${encodeURIComponent(newcomer)}`);
  expect(added).toHaveLength(1);
  expect(added[0]).toMatchObject({ actor: newcomer, details: { source: "oidc", justInTime: "tenant", tenantId: ENTRA_TEST_TENANT } });
});

test("an Entra account whose mail attribute names a member is not taken for that member", async ({ browser, org }) => {
  // A tenant administrator can type any address into an account's mail; without xms_edov it is not believed.
  const intruder = `intruder@${org.slug}.example`;
  const page = await signInWithEntra(browser, `${intruder}#mail=${org.email("approver2")}`);
  await expect(page).toHaveURL("/");
  await expect(new DashboardPage(page).email()).toHaveText(intruder);
  await page.context().close();
});

test("an administrator sets the just-in-time domains on the Settings screen, each bad entry explained next to its field", async ({ signIn, org }) => {
  const page = await signIn("admin");
  await page.goto("/settings#sign-in");
  const card = page.getByRole("form", { name: "Sign-in settings" });
  const domains = card.getByLabel("Just-in-time email domains");
  const trusted = card.getByLabel("Trusted Entra tenant ids");
  await expect(card.getByLabel("Just-in-time Entra tenant ids")).toHaveValue(ENTRA_TEST_TENANT);
  await expect(trusted).toHaveValue("");
  await expect(trusted).toHaveAccessibleDescription(/empty: the tenant of this deployment's app registration/);
  await domains.fill(`*.${org.slug}.example\njoiners.${org.slug}.example`);
  await trusted.fill("common");
  await card.getByRole("button", { name: "Save sign-in settings" }).click();
  await expect(domains).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#field-jitEmailDomains-error")).toContainText(`“*.${org.slug}.example” is not a domain such as contoso.com`);
  await expect(page.locator("#field-entraTenantIds-error")).toContainText("“common” is not an Entra tenant id");

  await domains.fill(`Joiners.${org.slug}.example`);
  await trusted.fill(ENTRA_TEST_TENANT.toUpperCase());
  await card.getByRole("button", { name: "Save sign-in settings" }).click();
  await expect(page.getByText("Sign-in settings saved")).toBeVisible();
  await page.reload();
  const saved = page.getByRole("form", { name: "Sign-in settings" });
  await expect(saved.getByLabel("Just-in-time email domains")).toHaveValue(`joiners.${org.slug}.example`);
  await expect(saved.getByLabel("Trusted Entra tenant ids")).toHaveValue(ENTRA_TEST_TENANT);
  await page.context().close();
});

test("a magic link to an address of a just-in-time domain makes no member when asked for, and stays out of the dev mailbox", async ({ browser, org }, testInfo) => {
  // The previous test listed joiners.<slug>.example. Using such a link makes a plain member: see
  // e2e/production/first-organisation.spec.ts, where links arrive by (fake) Resend.
  const joiner = `first.day@joiners.${org.slug}.example`;
  const page = await (await browser.newContext()).newPage();
  const signInPage = new SignInPage(page);
  await signInPage.goto();
  await signInPage.askForLink(joiner);
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  // Asking made no membership: only using the link does.
  expect(await auditOf(testInfo, `action=member.added&q=${encodeURIComponent(joiner)}`)).toHaveLength(0);
  // Anyone may open the dev mailbox, and which organisation the link opens is decided when it is
  // used: it shows the demo organisations' own accounts' mail only.
  await page.goto("/dev/mailbox");
  await expect(page.getByRole("heading", { name: "Dev mailbox" })).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: `To ${joiner}` })).toHaveCount(0);
  await page.context().close();
});
