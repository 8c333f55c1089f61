import { request as playwrightRequest } from "@playwright/test";
import { randomAddress, tokenOf } from "../api/api-fixtures";
import { expect, test } from "../fixtures";
import { expectNoSeriousViolations, signedIn } from "../helpers";
import { InboxPage } from "../pages/inbox-page";
import { RequestsPage } from "../pages/requests-page";

// Targets no other spec uses: each test below owns one.
const policies = [
  { type: "task", target: "New-AcceptedDomain" },
  { type: "task", target: "Remove-AcceptedDomain" },
  { type: "task", target: "Set-OrganizationConfig", approvalType: "auto" },
  { type: "task", target: "New-MailboxImportRequest", requiredApprovals: 2 },
  { type: "task", target: "Remove-MailboxExportRequest", pendingLifetimeHours: 0.25 },
  { type: "task", target: "Enable-Mailbox" },
];

test.beforeAll(async ({ baseURL }) => {
  const admin = await playwrightRequest.newContext({
    baseURL: `${baseURL}/api/v1/`,
    extraHTTPHeaders: { authorization: `Bearer ${tokenOf("admin", "spare")}`, "x-forwarded-for": randomAddress() },
  });
  for (const policy of policies) {
    const response = await admin.post("policies", { data: { approverGroup: "PAM Approvers", maxDurationHours: 4, ...policy } });
    expect([201, 409]).toContain(response.status());
  }
  await admin.dispose();
});

test("a request waits in the approvers' inbox, with a badge, and opens a window when approved", async ({ browser }) => {
  const requester = new RequestsPage(await signedIn(browser, "requester2@contoso.com"));
  await requester.ask({ target: "New-AcceptedDomain", hours: 2, reason: "Add fabrikam.com for the merger" });
  await expect(requester.page).toHaveURL("/requests");
  await expect(requester.request("New-AcceptedDomain")).toContainText("Pending");

  const approverPage = await signedIn(browser, "approver1@contoso.com");
  await expect(approverPage.getByRole("link", { name: /^Approvals, \d+ waiting$/ })).toBeVisible();
  const inbox = new InboxPage(approverPage);
  await inbox.goto();
  await expect(inbox.item("requester2@contoso.com", "New-AcceptedDomain")).toContainText("Add fabrikam.com for the merger");
  await inbox.decide("requester2@contoso.com", "New-AcceptedDomain", "Approve", "Go ahead");
  await expect(approverPage.getByText("Approved: requester2@contoso.com has New-AcceptedDomain")).toBeVisible();
  await expect(inbox.item("requester2@contoso.com", "New-AcceptedDomain")).toHaveCount(0);

  await requester.expectStatus("New-AcceptedDomain", "Active");
  await expect(requester.request("New-AcceptedDomain")).toContainText(/ends in \d+ h/);
});

test("a deny needs a comment, shown next to the field, and the requester sees why", async ({ browser }) => {
  const requester = new RequestsPage(await signedIn(browser, "requester2@contoso.com"));
  await requester.ask({ target: "Remove-AcceptedDomain", reason: "Drop the old domain" });
  const inbox = new InboxPage(await signedIn(browser, "approver2@contoso.com"));
  await inbox.goto();
  await inbox.decide("requester2@contoso.com", "Remove-AcceptedDomain", "Deny");
  const item = inbox.item("requester2@contoso.com", "Remove-AcceptedDomain");
  await expect(item.getByLabel("Comment")).toHaveAttribute("aria-invalid", "true");
  await expect(item).toContainText("A comment is required");
  await inbox.decide("requester2@contoso.com", "Remove-AcceptedDomain", "Deny", "Mail still flows through it");
  await requester.expectStatus("Remove-AcceptedDomain", "Denied: Mail still flows through it");
});

test("an automatic policy opens the window at once", async ({ browser }) => {
  const requester = new RequestsPage(await signedIn(browser, "requester2@contoso.com"));
  await requester.ask({ target: "Set-OrganizationConfig", hours: 1, reason: "Turn on modern auth" });
  await expect(requester.request("Set-OrganizationConfig")).toContainText("Active");
});

test("a quorum of two needs two different approvers", async ({ browser }) => {
  const requester = new RequestsPage(await signedIn(browser, "requester@contoso.com"));
  await requester.ask({ target: "New-MailboxImportRequest", reason: "Import the archive PSTs" });
  await expect(requester.request("New-MailboxImportRequest")).toContainText("0 of 2 approvals");

  const first = new InboxPage(await signedIn(browser, "approver1@contoso.com"));
  await first.goto();
  await first.decide("requester@contoso.com", "New-MailboxImportRequest", "Approve");
  await expect(first.item("requester@contoso.com", "New-MailboxImportRequest")).toContainText("You approved this");
  await requester.expectStatus("New-MailboxImportRequest", "1 of 2 approvals");

  const second = new InboxPage(await signedIn(browser, "approver2@contoso.com"));
  await second.goto();
  await second.decide("requester@contoso.com", "New-MailboxImportRequest", "Approve");
  await requester.expectStatus("New-MailboxImportRequest", "Active");
});

test("nobody approves their own request: no button, and a forged call is refused", async ({ browser }) => {
  const own = await signedIn(browser, "approver1@contoso.com");
  await new RequestsPage(own).ask({ target: "Remove-MailboxExportRequest", reason: "Clean up finished exports" });
  const ownInbox = new InboxPage(own);
  await ownInbox.goto();
  await expect(ownInbox.item("approver1@contoso.com", "Remove-MailboxExportRequest")).toHaveCount(0);

  // The other approver's page holds a real, working form for it: replay it as the requester.
  const other = new InboxPage(await signedIn(browser, "approver2@contoso.com"));
  await other.goto();
  const form = other.item("approver1@contoso.com", "Remove-MailboxExportRequest").locator("form");
  await expect(form).toBeVisible();
  // Pending expiry is shown: this policy lets a request wait 15 minutes.
  await expect(other.item("approver1@contoso.com", "Remove-MailboxExportRequest")).toContainText(/expires in 1[45] min/);
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

test("the request form explains bad input next to each field", async ({ browser }) => {
  const page = await signedIn(browser, "requester@contoso.com");
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

test("the dashboard, requests and inbox screens have no serious accessibility violations", async ({ browser }) => {
  const page = await signedIn(browser, "approver2@contoso.com");
  for (const path of ["/", "/requests", "/requests/new", "/inbox"]) {
    await page.goto(path);
    await expectNoSeriousViolations(page);
  }
  const admin = await signedIn(browser, "admin@contoso.com");
  await admin.goto("/");
  await expect(admin.getByText("Median time to decision")).toBeVisible();
  await expectNoSeriousViolations(admin);
});

for (const [email, paths] of [
  ["requester@contoso.com", ["/policies", "/settings", "/audit", "/inbox", "/access"]],
  ["auditor@contoso.com", ["/policies", "/settings", "/inbox", "/access"]],
  ["approver1@contoso.com", ["/policies", "/settings", "/audit"]],
] as const) {
  test(`${email} is refused cleanly on ${paths.join(", ")}`, async ({ browser }) => {
    const page = await signedIn(browser, email);
    for (const path of paths) {
      await page.goto(path);
      await expect(page.getByRole("heading", { name: /^You don't have access to / })).toBeVisible();
    }
  });
}
