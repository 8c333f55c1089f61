import AxeBuilder from "@axe-core/playwright";
import { type APIRequestContext, type Browser, type Page, expect } from "@playwright/test";

/** The demo picker's page for the organisation an address belongs to (a spec's own, or Contoso). */
export function demoPickerUrl(email: string) {
  const slug = /@(spec-[a-z0-9-]+?)(?:-partner)?\.example$/.exec(email)?.[1];
  return slug ? `/signin?org=${slug}` : "/signin";
}

/** A person in a browser of their own, signed in through the demo picker. */
export async function signedIn(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(demoPickerUrl(email));
  await page.getByRole("button", { name: new RegExp(`^Sign in as ${email.replace(/\./g, "\\.")} `) }).click();
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
  return page;
}

/** axe on the page as it is: no serious or critical violation. */
export async function expectNoSeriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
}

/**
 * Creates the policies a spec's tests share. Each Playwright worker runs a spec's beforeAll, and two
 * may run it at once, so a creation may meet the other's: 201, or 409 conflict:policy-exists and
 * nothing else. What is asserted exactly is the end state: every policy is there, once.
 */
export async function ensurePolicies(admin: APIRequestContext, policies: ({ type: string; target: string } & Record<string, unknown>)[]) {
  for (const policy of policies) {
    const response = await admin.post("policies", { data: policy });
    if (response.status() !== 201) {
      expect(response.status(), await response.text()).toBe(409);
      expect((await response.json()).error.code).toBe("conflict:policy-exists");
    }
  }
  const existing = ((await (await admin.get("policies?limit=500")).json()) as { items: { type: string; target: string }[] }).items;
  for (const policy of policies) {
    expect(existing.filter((e) => e.type === policy.type && e.target === policy.target), `${policy.type} ${policy.target}`).toHaveLength(1);
  }
}
