import type { APIResponse, Page } from "@playwright/test";
import { expect, test } from "./org-fixture";

// The Content-Security-Policy is enforced, not report-only, for the whole suite: every spec runs
// under it. This one checks the headers themselves, and walks the main screens failing on any
// violation the browser reports.

const SCREENS = [
  "/",
  "/requests",
  "/requests/new",
  "/inbox",
  "/access",
  "/runspace",
  "/policies",
  "/policies/new",
  "/members",
  "/audit",
  "/settings",
  "/settings/scopes",
  "/settings/tokens",
  "/settings/email",
  "/no-such-screen",
];

/** The nonce a page's policy allows scripts with. */
function nonceOf(response: APIResponse) {
  const policy = response.headers()["content-security-policy"] ?? "";
  return /script-src [^;]*'nonce-([^']+)'/.exec(policy)?.[1];
}

function expectCommonHeaders(response: APIResponse) {
  const headers = response.headers();
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["referrer-policy"]).toBe("same-origin");
  expect(headers["permissions-policy"]).toContain("camera=()");
  // Served over http here: HSTS is for an https AUTH_URL only.
  expect(headers["strict-transport-security"]).toBeUndefined();
}

/** Every violation of the policy the page reports, from the DOM event and from the console. */
async function watchPolicyViolations(page: Page) {
  const violations: string[] = [];
  await page.exposeFunction("reportPolicyViolation", (text: string) => violations.push(text));
  // Init scripts run outside the page's policy, before any of its own.
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { reportPolicyViolation: (text: string) => void }).reportPolicyViolation;
      void report(`${event.violatedDirective} blocked ${event.blockedURI || "inline"} on ${location.pathname}`);
    });
  });
  page.on("console", (message) => {
    if (/Refused to|Content Security Policy/i.test(message.text())) violations.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => violations.push(`page error on ${page.url()}: ${error.message}`));
  return violations;
}

/** React hydrated the document: its elements carry React's fiber, which no server-rendered HTML has. */
async function expectHydrated(page: Page) {
  await expect
    .poll(() => page.evaluate(() => Object.keys(document.documentElement).some((key) => key.startsWith("__reactFiber$"))))
    .toBe(true);
}

test.describe("Security headers", () => {
  test("a page carries an enforced policy whose nonce is on every script and new on every request", async ({ request }) => {
    const first = await request.get("/signin");
    const second = await request.get("/signin");
    expect(first.status()).toBe(200);
    expectCommonHeaders(first);
    const headers = first.headers();
    expect(headers["content-security-policy-report-only"]).toBeUndefined();
    const policy = headers["content-security-policy"]!;
    expect(policy).toMatch(/script-src [^;]*'strict-dynamic'/);
    expect(policy).not.toContain("unsafe-eval"); // next dev's only
    for (const directive of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) expect(policy).toContain(directive);

    const nonce = nonceOf(first);
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(nonceOf(second)).not.toBe(nonce);
    const scripts = (await first.text()).match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`);
  });

  test("a signed-out visitor's redirect and a static file carry the headers too", async ({ request }) => {
    const redirect = await request.get("/inbox", { maxRedirects: 0 });
    expect(redirect.status()).toBe(307);
    expectCommonHeaders(redirect);
    expect(redirect.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
    expectCommonHeaders(await request.get("/icon.svg"));
  });

  test("API responses are not sniffed, framed or run", async ({ api, request }) => {
    const answers = [await (await api("admin")).get("me"), await request.get("/api/v1/me"), await request.get("/api/health")];
    expect(answers.map((answer) => answer.status())).toEqual([200, 401, 200]);
    for (const answer of answers) {
      expectCommonHeaders(answer);
      expect(answer.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'");
    }
  });

  test("the watcher sees a violation, so its silence below means there was none", async ({ page }) => {
    const violations = await watchPolicyViolations(page);
    await page.goto("/signin");
    // An inline event handler, as injected markup would carry: the policy refuses to run it.
    await page.evaluate(() => {
      const holder = document.createElement("div");
      holder.innerHTML = '<img alt="" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" onload="document.title = \'ran\'">';
      document.body.append(holder);
    });
    await expect.poll(() => violations.length).toBeGreaterThan(0);
    expect(await page.title()).not.toBe("ran");
  });

  test("the main screens render and hydrate with no policy violation", async ({ signIn, browser }) => {
    test.setTimeout(120_000);
    const page = await signIn("admin");
    const violations = await watchPolicyViolations(page);
    for (const screen of SCREENS) {
      await page.goto(screen);
      await expectHydrated(page);
    }
    // Client-side navigation loads further chunks through the scripts the nonce let in.
    await page.goto("/");
    await page.getByRole("navigation").getByRole("link", { name: "Audit" }).click();
    await expect(page).toHaveURL("/audit");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

    const anonymous = await (await browser.newContext()).newPage();
    const anonymousViolations = await watchPolicyViolations(anonymous);
    for (const screen of ["/signin", "/signin/check-email", "/dev/mailbox"]) {
      await anonymous.goto(screen);
      await expectHydrated(anonymous);
    }
    expect([...violations, ...anonymousViolations]).toEqual([]);
  });
});
