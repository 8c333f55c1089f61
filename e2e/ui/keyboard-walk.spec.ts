/**
 * The four steps by keyboard alone (Tab, Enter, typing; no clicks), asserting after every action
 * where the keyboard landed: it must be where the next action is, never the page body. And the
 * toasts: announced in a live region, never a Tab stop, and gone at sign-out.
 */
import type { Locator, Page } from "@playwright/test";
import { expect, orgOf, test } from "../org-fixture";
import { ensurePolicies, expectNoSeriousViolations } from "../helpers";
import { ActiveAccessPage } from "../pages/active-access-page";
import { InboxPage } from "../pages/inbox-page";
import { RequestsPage } from "../pages/requests-page";

// Step 1, the policy, is set up through the API (the policy editor's catalog is long to walk by
// keyboard, and is not what this spec is about); request, approval, run and revoke are keyboard-only.
// requester@ holds this task through a standing role group until the policy puts it under approval;
// legal@contoso.com is a mailbox of the simulated Exchange every demo organisation seeds.
const TASK = "Get-MailboxPermission";
const MAILBOX = "legal@contoso.com";

test.beforeAll(async ({}, testInfo) => {
  const admin = await orgOf(testInfo).api("admin", "spare");
  await ensurePolicies(admin, [{ type: "task", target: TASK, approverGroup: "PAM Approvers", maxDurationHours: 2 }]);
  await admin.dispose();
});

/** Presses Tab (or Shift+Tab) until `target` has the focus; fails if it is not reached. */
async function tabTo(page: Page, target: Locator, { backwards = false, max = 80 } = {}) {
  const element = await target.elementHandle();
  for (let presses = 0; presses < max; presses++) {
    if (await page.evaluate((el) => el === document.activeElement, element)) return;
    await page.keyboard.press(backwards ? "Shift+Tab" : "Tab");
  }
  await expect(target).toBeFocused();
}

/** The pending cards in the order the inbox shows them, by their element id. */
const cardIds = (page: Page) => page.locator('ul[aria-label="Pending requests"] > li').evaluateAll((cards) => cards.map((card) => card.id));

test("request, approve, run and revoke by keyboard: focus lands where the next action is", async ({ org, signIn, api }) => {
  test.setTimeout(180_000);

  // 2. The request: from the form to the new request's card on My requests.
  const requesterPage = await signIn("requester");
  await requesterPage.goto(`/requests/new?target=${TASK}`);
  await expect(requesterPage.getByRole("radio", { name: new RegExp(`^${TASK} `) })).toBeChecked();
  await tabTo(requesterPage, requesterPage.getByLabel(/^Reason/));
  await requesterPage.keyboard.type("Check who can read the legal mailbox");
  await tabTo(requesterPage, requesterPage.getByRole("button", { name: "Request access" }));
  await requesterPage.keyboard.press("Enter");
  await expect(requesterPage).toHaveURL("/requests");
  const requests = new RequestsPage(requesterPage);
  await expect(requests.request(TASK)).toContainText("Pending");
  await expect(requests.request(TASK)).toBeFocused();

  // A second request waits beside it (and the organisation's own demo requests).
  const requester2 = await api("requester2");
  expect((await requester2.post("requests", { data: { type: "task", target: TASK, reason: "Second in the inbox", durationHours: 1 } })).status()).toBe(201);

  // 3. The approval: after each decision the keyboard is on the next card's comment, and after
  //    the last on the message that nothing waits.
  const approverPage = await signIn("approver1");
  const inbox = new InboxPage(approverPage);
  await inbox.goto();
  const mine = inbox.item(org.email("requester"), TASK);
  await expect(mine).toBeVisible();
  await expect(inbox.item(org.email("requester2"), TASK)).toBeVisible();
  let ids = await cardIds(approverPage);
  expect(ids.length).toBeGreaterThanOrEqual(2);
  await tabTo(approverPage, mine.getByLabel("Comment"));
  for (;;) {
    const focusedCard = approverPage.locator('ul[aria-label="Pending requests"] > li', { has: approverPage.locator(":focus") });
    const decided = await focusedCard.getAttribute("id");
    const at = ids.indexOf(decided!);
    const expected = ids[at + 1] ?? ids[at - 1];
    await approverPage.keyboard.type("Fine by keyboard");
    await approverPage.keyboard.press("Tab");
    await expect(approverPage.locator(":focus")).toHaveAccessibleName(/^Approve /);
    await approverPage.keyboard.press("Enter");
    await expect(approverPage.locator(`[id="${decided}"]`)).toHaveCount(0);
    if (!expected) break;
    await expect(approverPage.locator(`[id="${expected}"]`).getByLabel("Comment")).toBeFocused();
    ids = ids.filter((id) => id !== decided);
  }
  const nothingWaits = approverPage.locator("#inbox-empty");
  await expect(nothingWaits).toContainText("Nothing waits for your decision");
  await expect(nothingWaits).toBeFocused();
  await expectNoSeriousViolations(approverPage);

  // 4. The run, in the window just opened: the keyboard goes to the result.
  await requesterPage.goto(`/runspace?task=${TASK}`);
  await expect(requesterPage.getByRole("heading", { name: TASK, level: 2 })).toBeVisible();
  await tabTo(requesterPage, requesterPage.getByLabel(/^Identity( \(required\))?$/));
  await requesterPage.keyboard.type(MAILBOX);
  await tabTo(requesterPage, requesterPage.getByRole("button", { name: `Run ${TASK}`, exact: true }));
  await requesterPage.keyboard.press("Enter");
  const result = requesterPage.getByRole("region", { name: "Result" });
  await expect(result).toContainText("jonis@contoso.com");
  await expect(result.getByRole("heading", { name: "Result" })).toBeFocused();

  // 5. The revocation: the dialog gives focus back on Escape, and after revoking the keyboard is on
  //    the count of open windows (the Revoke button it came from is gone).
  const adminPage = await signIn("admin");
  const access = new ActiveAccessPage(adminPage);
  await access.goto();
  const row = access.row(org.email("requester")).filter({ hasText: TASK });
  const revoke = row.getByRole("button", { name: /^Revoke / });
  await tabTo(adminPage, revoke);
  await adminPage.keyboard.press("Enter");
  await expect(access.dialog()).toBeVisible();
  await adminPage.keyboard.press("Escape");
  await expect(access.dialog()).toBeHidden();
  await expect(revoke).toBeFocused();
  await adminPage.keyboard.press("Enter");
  await tabTo(adminPage, access.comment());
  await adminPage.keyboard.type("Review finished");
  await tabTo(adminPage, access.dialog().getByRole("button", { name: "Revoke access", exact: true }));
  await adminPage.keyboard.press("Enter");
  await expect(row).toHaveCount(0);
  await expect(adminPage.locator(":focus")).toHaveText(/^\d+ open windows?/);
  await expectNoSeriousViolations(adminPage);
});

test("a toast is announced, never a Tab stop, and gone after sign-out and the next sign-in", async ({ signIn }) => {
  test.setTimeout(120_000);
  const page = await signIn("auditor");
  await page.goto("/audit");
  const verify = page.getByRole("button", { name: "Verify chain" });
  await tabTo(page, verify);
  await page.keyboard.press("Enter");
  const toastText = page.getByText(/^Chain intact: \d+ events verified$/);
  await expect(toastText).toBeVisible();

  // Announced: it sits in a live region. And the keyboard stayed on the button that asked.
  await expect(page.locator("[aria-live]", { has: toastText }).first()).toHaveAttribute("aria-live", /^(polite|assertive)$/);
  await expect(verify).toBeFocused();

  // The pointer on the toast keeps it on screen while the keyboard walks (it moves out of the way
  // of the focus, so the pointer follows it).
  const holdToast = async () => {
    const box = (await toastText.boundingBox())!;
    await page.mouse.move(box.x + 4, box.y + box.height / 2);
  };
  const focusInToast = () =>
    page.evaluate(() => {
      const focused = document.activeElement;
      if (!focused || focused === document.body) return false;
      return [...document.querySelectorAll("[aria-live]")].some(
        (region) => /Chain intact: \d+ events verified/.test(region.textContent ?? "") && region.contains(focused),
      );
    });
  const focusLeftPage = () => page.evaluate(() => document.activeElement === null || document.activeElement === document.body);

  // Tab on to the last control of the page and past it: the toast, last in the page, is never a stop.
  let wrapped = false;
  for (let presses = 0; presses < 300 && !wrapped; presses++) {
    await holdToast();
    await page.keyboard.press("Tab");
    expect(await focusInToast(), `Tab ${presses + 1} landed in the toast`).toBe(false);
    wrapped = await focusLeftPage();
  }
  expect(wrapped, "Tab went past the last control of the page").toBe(true);
  await expect(toastText).toBeVisible();
  await expectNoSeriousViolations(page);

  // Sign out by keyboard: the toast goes with the session; the next person, signed in in the same
  // tab (no reload), never sees it.
  await tabTo(page, page.getByRole("button", { name: "Sign out" }));
  await holdToast();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/signin/);
  await expect(page.getByText(/Chain intact: \d+ events verified/)).toHaveCount(0);
  // The sign-out lands on the demo picker of the default organisation (Contoso).
  const next = page.getByRole("button", { name: /^Sign in as requester@contoso\.com / });
  await tabTo(page, next);
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
  await expect(page.getByText(/Chain intact: \d+ events verified/)).toHaveCount(0);
});
