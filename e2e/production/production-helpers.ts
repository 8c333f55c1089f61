import { type Browser, type Page, expect } from "@playwright/test";
import { RESEND_PORT, productionUrl } from "./production-settings.mjs";

interface Delivery {
  to: string[];
  subject: string;
  text: string;
}

/** What the production server sent through Resend (its fake, on loopback). */
export async function deliveriesTo(email: string): Promise<Delivery[]> {
  const all = (await (await fetch(`http://127.0.0.1:${RESEND_PORT}/_test/deliveries`)).json()) as Delivery[];
  return all.filter((d) => d.to.includes(email));
}

/** The newest delivered message to `email` whose subject matches, waiting for the worker to send it. */
export async function waitForEmail(email: string, subject: RegExp): Promise<Delivery> {
  let found: Delivery | undefined;
  await expect
    .poll(async () => {
      found = (await deliveriesTo(email)).filter((d) => subject.test(d.subject)).at(-1);
      return Boolean(found);
    }, { timeout: 20_000, message: `an email to ${email} with subject ${subject}` })
    .toBe(true);
  return found!;
}

/** The first link into this Elevate in a message's text. */
export function linkIn(delivery: Delivery): string {
  const link = new RegExp(`${productionUrl.replace(/[.:/]/g, "\\$&")}\\S+`).exec(delivery.text)?.[0];
  expect(link, `a link in "${delivery.subject}"`).toBeTruthy();
  return link!;
}

/**
 * Signs a person in as they would on a real install: ask for a link (from the sign-in page, or from
 * the invitation's link, which fills in their address), then open it from the email.
 */
export async function signInByEmail(browser: Browser, email: string, { from }: { from?: string } = {}): Promise<Page> {
  const page = await (await browser.newContext({ baseURL: productionUrl })).newPage();
  const before = (await deliveriesTo(email)).length;
  await page.goto(from ?? "/signin");
  if (from) await expect(page.getByLabel("Work email")).toHaveValue(email);
  else await page.getByLabel("Work email").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: /check your email/i })).toBeVisible();
  await expect.poll(async () => (await deliveriesTo(email)).length, { timeout: 20_000 }).toBeGreaterThan(before);
  const message = (await deliveriesTo(email)).at(-1)!;
  await page.goto(linkIn(message));
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
  return page;
}
