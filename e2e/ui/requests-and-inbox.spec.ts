import { expect, orgOf, test } from "../org-fixture";
import { ensurePolicies, expectNoSeriousViolations, signedIn } from "../helpers";
import { InboxPage } from "../pages/inbox-page";
import { RequestsPage } from "../pages/requests-page";

// Each test below owns one target of this spec's organisation.
const policies = [
  { type: "task", target: "New-AcceptedDomain" },
  { type: "task", target: "Remove-AcceptedDomain" },
  { type: "task", target: "Set-OrganizationConfig", approvalType: "auto" },
  { type: "task", target: "New-MailboxImportRequest", requiredApprovals: 2 },
  { type: "task", target: "Remove-MailboxExportRequest", pendingLifetimeHours: 0.25 },
  { type: "task", target: "Enable-Mailbox" },
  { type: "task", target: "New-MailContact" },
  { type: "task", target: "Set-CASMailbox", approvalType: "auto" },
];

test.beforeAll(async ({}, testInfo) => {
  const admin = await orgOf(testInfo).api("admin", "spare");
  await ensurePolicies(admin, policies.map((policy) => ({ approverGroup: "PAM Approvers", maxDurationHours: 4, ...policy })));
  await admin.dispose();
});

test("a request waits in the approvers' inbox, with a badge, and opens a window when approved", async ({ browser, org }) => {
  const requester = new RequestsPage(await signedIn(browser, org.email("requester2")));
  await requester.ask({ target: "New-AcceptedDomain", hours: 2, reason: "Add fabrikam.com for the merger" });
  await expect(requester.page).toHaveURL("/requests");
  await expect(requester.page.getByText("Request sent to PAM Approvers")).toBeVisible();
  await expect(requester.request("New-AcceptedDomain")).toContainText("Pending");

  const approverPage = await signedIn(browser, org.email("approver1"));
  await expect(approverPage.getByRole("link", { name: /^Approvals, \d+ waiting$/ })).toBeVisible();
  const inbox = new InboxPage(approverPage);
  await inbox.goto();
  await expect(inbox.item(org.email("requester2"), "New-AcceptedDomain")).toContainText("Add fabrikam.com for the merger");
  await inbox.decide(org.email("requester2"), "New-AcceptedDomain", "Approve", "Go ahead");
  await expect(approverPage.getByText(`Approved: ${org.email("requester2")} has New-AcceptedDomain`)).toBeVisible();
  await expect(inbox.item(org.email("requester2"), "New-AcceptedDomain")).toHaveCount(0);

  await requester.expectStatus("New-AcceptedDomain", "Active");
  await expect(requester.request("New-AcceptedDomain")).toContainText(/ends in \d+ h/);
});

test("a deny needs a comment, shown next to the field, and the requester sees why", async ({ browser, org }) => {
  const requester = new RequestsPage(await signedIn(browser, org.email("requester2")));
  await requester.ask({ target: "Remove-AcceptedDomain", reason: "Drop the old domain" });
  const inbox = new InboxPage(await signedIn(browser, org.email("approver2")));
  await inbox.goto();
  await inbox.decide(org.email("requester2"), "Remove-AcceptedDomain", "Deny");
  const item = inbox.item(org.email("requester2"), "Remove-AcceptedDomain");
  await expect(item.getByLabel("Comment")).toHaveAttribute("aria-invalid", "true");
  await expect(item).toContainText("A comment is required");
  await inbox.decide(org.email("requester2"), "Remove-AcceptedDomain", "Deny", "Mail still flows through it");
  await requester.expectStatus("Remove-AcceptedDomain", `Denied by ${org.email("approver2")}: Mail still flows through it`);
});

test("an automatic policy opens the window at once", async ({ browser, org }) => {
  const requester = new RequestsPage(await signedIn(browser, org.email("requester2")));
  await requester.ask({ target: "Set-OrganizationConfig", hours: 1, reason: "Turn on modern auth" });
  await expect(requester.request("Set-OrganizationConfig")).toContainText("Active");
  // Not "Request sent": nobody has to approve it, and the window is open now.
  await expect(requester.page.getByText(/^Access granted: your window is open until \S/)).toBeVisible();
  await expect(requester.page.getByText(/^Request sent/)).toHaveCount(0);
});

test("a second request for the same target says where the first stands, in words, and links to it", async ({ browser, org }) => {
  const requester = new RequestsPage(await signedIn(browser, org.email("requester2")));
  await requester.ask({ target: "New-MailContact", reason: "Contacts for the new supplier" });
  await expect(requester.page).toHaveURL("/requests");
  await requester.ask({ target: "New-MailContact", reason: "Again" });
  const link = requester.page.getByRole("link", { name: "Open that request" });
  const notice = requester.page.getByRole("paragraph").filter({ has: link });
  await expect(notice).toContainText(/You already have a request for New-MailContact waiting for approval \(sent (just now|\d+ s ago|\d+ min ago)\)/);
  await expect(notice).not.toContainText(/[0-9a-f]{8}-[0-9a-f]{4}-/);
  await link.click();
  await expect(requester.page).toHaveURL(/\/requests\?request=[0-9a-f-]{36}$/);
  const id = new URL(requester.page.url()).searchParams.get("request");
  await expect(requester.page.locator(`[id="request-${id}"]`)).toContainText("New-MailContact");
});

test("reason fields count their characters against the limit, and say so to a screen reader", async ({ browser, org }) => {
  const page = await signedIn(browser, org.email("requester"));
  await page.goto("/requests/new");
  const reason = page.getByLabel(/^Reason/);
  await expect(reason).toHaveAccessibleDescription(/0 \/ 1000 characters/);
  await reason.fill("Journal the finance mailboxes");
  await expect(reason).toHaveAccessibleDescription(/29 \/ 1000 characters/);
  await reason.fill("x".repeat(1003));
  await expect(reason).toHaveAccessibleDescription(/1003 \/ 1000 characters \(3 too many\)/);
  await expectNoSeriousViolations(page);
});

test("My requests with two extendable grants has no duplicate ids, their Extend dialogs included", async ({ browser, org }) => {
  const requester = new RequestsPage(await signedIn(browser, org.email("requester")));
  for (const target of ["Set-OrganizationConfig", "Set-CASMailbox"]) {
    await requester.ask({ target, hours: 1, reason: `Change ${target}` });
    await expect(requester.request(target)).toContainText("Active");
  }
  const page = requester.page;
  await expect(page.getByRole("button", { name: /^Extend access to / })).toHaveCount(2);
  const duplicates = await page.evaluate(() => {
    const ids = [...document.querySelectorAll("[id]")].map((element) => element.id);
    return ids.filter((id, index) => ids.indexOf(id) !== index);
  });
  expect(duplicates).toEqual([]);
  // Each dialog's fields are labelled by their own label, counter included.
  await page.getByRole("button", { name: "Extend access to Set-CASMailbox" }).click();
  const dialog = page.getByRole("dialog", { name: "Extend access to Set-CASMailbox" });
  await expect(dialog.getByLabel("Reason")).toHaveAccessibleDescription(/0 \/ 1000 characters/);
  await dialog.getByLabel("More hours").fill("1");
  await expectNoSeriousViolations(page);
});

test("a quorum of two needs two different approvers", async ({ browser, org }) => {
  const requester = new RequestsPage(await signedIn(browser, org.email("requester")));
  await requester.ask({ target: "New-MailboxImportRequest", reason: "Import the archive PSTs" });
  await expect(requester.request("New-MailboxImportRequest")).toContainText("0 of 2 approvals");

  const first = new InboxPage(await signedIn(browser, org.email("approver1")));
  await first.goto();
  await first.decide(org.email("requester"), "New-MailboxImportRequest", "Approve");
  await expect(first.item(org.email("requester"), "New-MailboxImportRequest")).toContainText("You approved this");
  await requester.expectStatus("New-MailboxImportRequest", "1 of 2 approvals");

  const second = new InboxPage(await signedIn(browser, org.email("approver2")));
  await second.goto();
  await second.decide(org.email("requester"), "New-MailboxImportRequest", "Approve");
  await requester.expectStatus("New-MailboxImportRequest", "Active");
});

test("nobody approves their own request: no button, and a forged call is refused", async ({ browser, org }) => {
  const own = await signedIn(browser, org.email("approver1"));
  await new RequestsPage(own).ask({ target: "Remove-MailboxExportRequest", reason: "Clean up finished exports" });
  const ownInbox = new InboxPage(own);
  await ownInbox.goto();
  await expect(ownInbox.item(org.email("approver1"), "Remove-MailboxExportRequest")).toHaveCount(0);

  // The other approver's page holds a real, working form for it: replay it as the requester.
  const other = new InboxPage(await signedIn(browser, org.email("approver2")));
  await other.goto();
  const form = other.item(org.email("approver1"), "Remove-MailboxExportRequest").locator("form");
  await expect(form).toBeVisible();
  // Pending expiry is shown: this policy lets a request wait 15 minutes. The approver's clock is
  // pinned ten and a half minutes before it runs out, so the countdown reads exactly that.
  const expiry = other.item(org.email("approver1"), "Remove-MailboxExportRequest").locator("time", { hasText: "expires in" });
  const pendingUntil = new Date((await expiry.getAttribute("datetime"))!);
  await other.page.clock.setFixedTime(new Date(pendingUntil.getTime() - 10.5 * 60_000));
  await other.page.reload();
  await expect(expiry).toHaveText(/^expires in 10 min\b/); // then the time itself, in the reader's words
  const fields = await form.evaluate((element) =>
    [...new FormData(element as HTMLFormElement).entries()].map(([name, value]) => [name, String(value)]),
  );
  // A form posted without JavaScript carries its server action's id: replaying it is a raw call.
  const replay = { ...Object.fromEntries(fields), decision: "approve" };
  expect(Object.keys(replay).some((name) => name.startsWith("$ACTION"))).toBe(true);
  const forged = await own.request.post("/inbox", { multipart: replay });
  expect(forged.status()).toBeLessThan(500);
  await new RequestsPage(own).expectStatus("Remove-MailboxExportRequest", "Pending");
  // The same replay from the rightful approver goes through: the refusal above was the server's.
  await other.page.request.post("/inbox", { multipart: replay });
  await new RequestsPage(own).expectStatus("Remove-MailboxExportRequest", "Active");
});

test("the request form explains bad input next to each field", async ({ browser, org }) => {
  const page = await signedIn(browser, org.email("requester"));
  await page.goto("/requests/new");
  await page.getByRole("button", { name: "Request access" }).click();
  await expect(page.locator("#field-target-error")).toHaveText("Choose what you need access to");
  await page.getByLabel("Search tasks, roles and role groups").fill("Enable-Mailbox");
  await page.getByRole("radio", { name: /^Enable-Mailbox / }).check();
  await page.getByLabel("Duration (hours)").fill("0.3");
  await page.getByRole("button", { name: "Request access" }).click();
  await expect(page.getByLabel("Duration (hours)")).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#field-durationHours-error")).toContainText("steps of 0.25");
});

test("the dashboard, requests and inbox screens have no serious accessibility violations", async ({ browser, org }) => {
  // axe over four screens: about 25 s on an idle machine, more under load.
  test.setTimeout(90_000);
  const page = await signedIn(browser, org.email("approver2"));
  for (const path of ["/", "/requests", "/requests/new", "/inbox"]) {
    await page.goto(path);
    await expectNoSeriousViolations(page);
  }
  const admin = await signedIn(browser, org.email("admin"));
  await admin.goto("/");
  await expect(admin.getByText("Median time to decision")).toBeVisible();
  await expectNoSeriousViolations(admin);
});

for (const [account, paths] of [
  ["requester", ["/policies", "/settings", "/audit", "/inbox", "/access"]],
  ["auditor", ["/policies", "/settings", "/inbox", "/access"]],
  ["approver1", ["/policies", "/settings", "/audit"]],
] as const) {
  test(`the ${account} is refused cleanly, with a 403, on ${paths.join(", ")}`, async ({ signIn }) => {
    const page = await signIn(account);
    for (const path of paths) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
      await expect(page.getByRole("heading", { name: /^You don't have access to / })).toBeVisible();
    }
  });
}
