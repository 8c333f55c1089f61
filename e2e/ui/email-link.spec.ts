import type { Browser, Page } from "@playwright/test";
import { expect, orgOf, test } from "../org-fixture";
import { ensurePolicies, expectNoSeriousViolations, signedIn } from "../helpers";
import { InboxPage } from "../pages/inbox-page";
import { RequestsPage } from "../pages/requests-page";
import { SignInPage } from "../pages/sign-in-page";

// An email's link names its request in the query; the person may be signed out when they follow
// it. Each test below owns one target of this spec's organisation.
const policies = [
  { type: "task", target: "New-AcceptedDomain" },
  { type: "task", target: "Remove-AcceptedDomain" },
  { type: "task", target: "Enable-Mailbox" },
];

test.beforeAll(async ({}, testInfo) => {
  const admin = await orgOf(testInfo).api("admin", "spare");
  await ensurePolicies(admin, policies.map((policy) => ({ approverGroup: "PAM Approvers", maxDurationHours: 4, ...policy })));
  await admin.dispose();
});

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

/** A browser with nobody signed in. */
const signedOut = async (browser: Browser) => (await browser.newContext()).newPage();

/** The dev mailbox's messages to `to` whose subject has `subject`, newest first. */
async function messages(page: Page, to: string, subject: string | RegExp) {
  await page.goto("/dev/mailbox");
  return page.getByRole("listitem").filter({ hasText: `To ${to}` }).filter({ hasText: subject });
}

/** The first link of the newest such message, as its plain text gives it. */
async function linkIn(page: Page, to: string, subject: string | RegExp, path: RegExp) {
  const message = (await messages(page, to, subject)).first();
  await message.locator("summary").click();
  const text = await message.locator("pre").innerText();
  const link = [...text.matchAll(/https?:\/\/\S+/g)].map((m) => m[0]).find((url) => path.test(new URL(url).pathname + new URL(url).search));
  expect(link, text).toBeDefined();
  return link!;
}

const requestIdOf = (link: string) => new URL(link).searchParams.get("request")!;

test("an approver signed out follows the email's link, signs in, and lands on that request, highlighted and focused", async ({ browser, org }) => {
  const requester = new RequestsPage(await signedIn(browser, org.email("requester")));
  await requester.ask({ target: "New-AcceptedDomain", hours: 2, reason: "Add fabrikam.com for the merger" });
  await expect(requester.page).toHaveURL("/requests");

  const page = await signedOut(browser);
  const link = await linkIn(page, org.email("approver1"), "asks for New-AcceptedDomain", new RegExp(`^/inbox\\?request=${UUID}$`));
  const requestId = requestIdOf(link);

  // Signed out: sign-in keeps the whole destination, query included.
  await page.goto(link);
  await expect(page).toHaveURL(/\/signin\?/);
  expect(new URL(page.url()).searchParams.get("callbackUrl")).toBe(`/inbox?request=${requestId}`);

  // The sign-in link by email (the way in without a demo picker) comes back to it.
  const signIn = new SignInPage(page);
  await signIn.askForLink(org.email("approver1"));
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await page.goto(await linkIn(page, org.email("approver1"), "Sign in to Elevate", /^\/api\/auth\/callback\//));
  await expect(page).toHaveURL(`/inbox?request=${requestId}`);

  const card = page.locator(`#request-${requestId}`);
  await expect(card).toContainText("Add fabrikam.com for the merger");
  await expect(card).toContainText("Linked from your email");
  await expect(card).toHaveAttribute("aria-current", "true");
  await expect(card).toBeFocused();
  await expect(card).toBeInViewport();
  // Only this card is marked.
  await expect(page.locator("[aria-current=true]")).toHaveCount(1);
  await expect(page.getByText("Linked from your email")).toHaveCount(1);
  // The keyboard goes on from there: the next Tab is inside the card, on its decision.
  await page.keyboard.press("Tab");
  expect(await card.evaluate((element) => element.contains(document.activeElement) && element !== document.activeElement)).toBe(true);
  await expectNoSeriousViolations(page);
});

test("a link to a request someone already decided says so, and the requester's link lands on their card", async ({ browser, org }) => {
  // Four people sign in and the request is decided first: about 25 s on an idle machine.
  test.setTimeout(90_000);
  const requester = new RequestsPage(await signedIn(browser, org.email("requester")));
  await requester.ask({ target: "Remove-AcceptedDomain", reason: "Drop the old domain" });
  const first = new InboxPage(await signedIn(browser, org.email("approver1")));
  await first.goto();
  await first.decide(org.email("requester"), "Remove-AcceptedDomain", "Approve", "Go ahead");

  // The other approver follows the first email, the one asking for a decision, through the demo picker.
  const page = await signedOut(browser);
  const link = await linkIn(page, org.email("approver2"), "asks for Remove-AcceptedDomain", new RegExp(`^/inbox\\?request=${UUID}$`));
  const requestId = requestIdOf(link);
  await page.goto(link);
  const callbackUrl = new URL(page.url()).searchParams.get("callbackUrl");
  expect(callbackUrl).toBe(`/inbox?request=${requestId}`);
  const signIn = new SignInPage(page);
  await signIn.goto(callbackUrl!, org.slug); // this spec's demo accounts, not Contoso's
  await signIn.signInAs(org.email("approver2"));
  await expect(page).toHaveURL(`/inbox?request=${requestId}`);
  const notice = page.locator("#linked-request-notice");
  await expect(notice).toContainText(/^Linked from your email: Adele Vance's request for Remove-AcceptedDomain was already approved by Alex Wilber on .+\d.*\.$/);
  await expect(notice.locator("time")).toHaveAttribute("datetime", /^\d{4}-\d\d-\d\dT/);
  await expect(notice).toBeFocused();
  await expect(page.locator(`#request-${requestId}`)).toHaveCount(0);
  await expectNoSeriousViolations(page);

  // The requester's email about the outcome opens their card on My requests.
  const requesterLink = await linkIn(requester.page, org.email("requester"), "Approved: your access to Remove-AcceptedDomain", /^\/requests\?request=/);
  expect(requestIdOf(requesterLink)).toBe(requestId);
  await requester.page.goto(requesterLink);
  const card = requester.page.locator(`#request-${requestId}`);
  await expect(card).toContainText("Linked from your email");
  await expect(card).toHaveAttribute("aria-current", "true");
  await expect(card).toBeFocused();
  await expectNoSeriousViolations(requester.page);
});

test("a link that names no request of yours says it was not found, and a malformed one is ignored", async ({ browser, org }) => {
  const page = await signedIn(browser, org.email("approver1"));
  const response = await page.goto("/inbox?request=5b0c1f38-7d2e-4a57-9a43-0d7b3c2a9f10");
  expect(response?.status()).toBe(200);
  await expect(page.locator("#linked-request-notice")).toHaveText("Linked from your email: This request was not found, or it is not one you can see.");
  for (const junk of ["not-a-request", "%27%20or%201%3D1", "5b0c1f38-7d2e-4a57-9a43-0d7b3c2a9f10&request=5b0c1f38-7d2e-4a57-9a43-0d7b3c2a9f10"]) {
    const answer = await page.goto(`/inbox?request=${junk}`);
    expect(answer?.status()).toBe(200);
    await expect(page.getByRole("heading", { name: "Approvals", level: 1 })).toBeVisible();
    await expect(page.locator("#linked-request-notice")).toHaveCount(0);
  }
});

test("a requester cancels, and each approver is emailed, with a link that says the request was cancelled", async ({ browser, org }) => {
  const requester = new RequestsPage(await signedIn(browser, org.email("requester2")));
  await requester.ask({ target: "Enable-Mailbox", reason: "Mailbox for the new hire" });
  await expect(requester.request("Enable-Mailbox")).toContainText("Pending");
  await requester.request("Enable-Mailbox").getByRole("button", { name: "Cancel the request for Enable-Mailbox" }).click();
  await expect(requester.request("Enable-Mailbox")).toContainText("Cancelled");

  const subject = `Cancelled: ${org.email("requester2")} withdrew their request for Enable-Mailbox`;
  const page = await signedIn(browser, org.email("approver2"));
  for (const approver of ["approver1", "approver2"] as const) await expect(await messages(page, org.email(approver), subject)).toHaveCount(1);
  await expect(await messages(page, org.email("requester2"), subject)).toHaveCount(0);

  const link = await linkIn(page, org.email("approver2"), subject, new RegExp(`^/inbox\\?request=${UUID}$`));
  await page.goto(link);
  await expect(page.locator("#linked-request-notice")).toContainText(
    /^Linked from your email: Lynne Robbins's request for Enable-Mailbox was cancelled by its requester on .+\.$/,
  );
});
