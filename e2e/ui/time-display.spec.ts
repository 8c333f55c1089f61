/**
 * Times read in the viewer's own locale and zone, with the zone named, and relative times beside
 * absolute ones; the date fields speak the same zone. Each browser here is set to a locale and
 * zone of its own, as a person's is, and the page must hydrate without a mismatch although the
 * server wrote UTC first.
 */
import type { Browser } from "@playwright/test";
import { demoPickerUrl } from "../helpers";
import { type SpecOrganisation, expect, test } from "../org-fixture";

async function signedInAt(browser: Browser, email: string, place: { locale: string; timezoneId: string }) {
  const page = await (await browser.newContext(place)).newPage();
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(demoPickerUrl(email));
  await page.getByRole("button", { name: new RegExp(`^Sign in as ${email.replace(/\./g, "\\.")} `) }).click();
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
  return { page, errors };
}

/** A pending request of requester's, made now through the API: its times are known to the minute. */
async function pendingRequest(org: SpecOrganisation) {
  const requester = await org.api("requester");
  try {
    const created = await requester.post("requests", { data: { type: "task", target: "New-JournalRule", durationHours: 1, reason: "Times" } });
    expect(created.status(), await created.text()).toBe(201);
    return (await created.json()) as { id: string; createdAt: string; pendingUntil: string };
  } finally {
    await requester.dispose();
  }
}

/** How Intl writes an instant for that place: what the page must show. */
const expected = (iso: string, locale: string, timeZone: string) =>
  new Intl.DateTimeFormat(locale, {
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: locale === "en-US" ? "numeric" : "2-digit",
    minute: "2-digit",
    timeZoneName: "short",
    timeZone,
  }).format(new Date(iso));

const noHydrationErrors = (errors: string[]) => errors.filter((text) => /hydrat|#418|#423|#425|did not match/i.test(text));

test("my requests and the inbox write times in the viewer's zone, expiries with a relative time", async ({ browser, org }) => {
  const request = await pendingRequest(org);

  const newYork = await signedInAt(browser, org.email("requester"), { locale: "en-US", timezoneId: "America/New_York" });
  await newYork.page.goto("/requests");
  const card = newYork.page.getByRole("list", { name: "My requests" }).getByRole("listitem").filter({ hasText: "“Times”" });
  // "asked Dec 1, 2026, 2:21 AM EST", and "expires in 23 h 59 min (Dec 2, 2026, 2:21 AM EST)".
  await expect(card).toContainText(`asked ${expected(request.createdAt, "en-US", "America/New_York")}`);
  await expect(card).toContainText(new RegExp(`expires in \\d+ h( \\d+ min)? \\(${literal(expected(request.pendingUntil, "en-US", "America/New_York"))}\\)`));
  await expect(card.locator(`time[datetime="${request.createdAt}"]`)).toBeVisible();
  expect(noHydrationErrors(newYork.errors)).toEqual([]);

  const london = await signedInAt(browser, org.email("approver1"), { locale: "en-GB", timezoneId: "Europe/London" });
  await london.page.goto("/inbox");
  const item = london.page.locator(`#request-${request.id}`);
  await expect(item).toContainText(/asked (\d+ s|\d+ min|now)( ago)?/);
  await expect(item).toContainText(`(${expected(request.pendingUntil, "en-GB", "Europe/London")})`);
  await expect(item).toContainText(/ (GMT|BST)\)/);
  expect(noHydrationErrors(london.errors)).toEqual([]);
});

test("the audit filters' time fields are in the viewer's zone, and so are the events' times", async ({ browser, org }) => {
  const { page, errors } = await signedInAt(browser, org.email("auditor"), { locale: "en-GB", timezoneId: "America/New_York" });
  await page.goto("/audit");
  const from = page.getByLabel(/^From \(/);
  // Labelled with the zone (New York in a British locale: "GMT-5" in winter, "GMT-4" in summer).
  await expect(from).toHaveAccessibleName(/^From \(GMT-[45]\)$/);
  await expect(page.getByText("Times in America/New_York.").first()).toBeVisible();

  // 09:00 in New York is 14:00 UTC in winter: the view's link carries the instant.
  await from.fill("2026-01-15T09:00");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/[?&]since=2026-01-15T14%3A00%3A00Z/);
  // Shown again in the same zone it was typed in, after the round trip through the server.
  await expect(page.getByLabel(/^From \(/)).toHaveValue("2026-01-15T09:00");

  const first = page.getByTestId("audit-event").first().locator("td").first().locator("time");
  const at = (await first.getAttribute("datetime"))!;
  await expect(first).toHaveText(
    new Intl.DateTimeFormat("en-GB", {
      day: "numeric",
      month: "short",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      timeZoneName: "short",
      timeZone: "America/New_York",
    }).format(new Date(at)),
  );
  expect(noHydrationErrors(errors)).toEqual([]);
});

function literal(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
