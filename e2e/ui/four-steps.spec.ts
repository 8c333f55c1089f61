/**
 * The core flow of product.md, each person in their own browser: an admin puts a task under a
 * policy, a requestor asks, an approver approves in the inbox, the requestor runs the task in the
 * runspace, an approver revokes and the next run is blocked, and the admin finds every step in the
 * audit view with the chain intact.
 */
import { expect, test } from "../org-fixture";
import { signedIn } from "../helpers";
import { ActiveAccessPage } from "../pages/active-access-page";
import { AuditPage } from "../pages/audit-page";
import { InboxPage } from "../pages/inbox-page";
import { PoliciesPage } from "../pages/policies-page";
import { RequestsPage } from "../pages/requests-page";
import { RunspacePage } from "../pages/runspace-page";

// requester@ holds this task through the standing role group Recipient Management until the policy
// puts it under just-in-time approval. legal@ and jonis@contoso.com are mailboxes of the simulated
// Exchange workload, which every demo organisation (this spec's too) seeds with the same addresses.
const TASK = "Get-MailboxPermission";

test("policy → request → approval → run → revoke → blocked, every step in the audit log", async ({ browser, org }) => {
  test.setTimeout(120_000);

  // 1. Policy.
  const admin = await signedIn(browser, org.email("admin"));
  const policies = new PoliciesPage(admin);
  await policies.goto();
  await policies.removeIfPresent(TASK);
  await policies.openNew();
  await policies.pickTarget("Task", TASK);
  await policies.field("Maximum duration (hours)").fill("2");
  await policies.field("Default duration (hours)").fill("1");
  await policies.save("Create policy");
  await expect(admin).toHaveURL("/policies");
  await expect(policies.row(TASK)).toContainText("PAM Approvers");

  // 2. Request.
  const requesterPage = await signedIn(browser, org.email("requester"));
  const runspace = new RunspacePage(requesterPage);
  await runspace.goto(TASK);
  await runspace.parameter("Identity").fill("legal@contoso.com");
  await runspace.run(TASK);
  await expect(runspace.blocked()).toContainText("needs approved just-in-time access");
  await runspace.requestAccessLink().click();
  await expect(requesterPage).toHaveURL(new RegExp(`/requests/new\\?target=${TASK}`));
  await requesterPage.getByLabel(/^Reason/).fill("Audit who can read the legal mailbox");
  await requesterPage.getByRole("button", { name: "Request access" }).click();
  const requests = new RequestsPage(requesterPage);
  await expect(requests.request(TASK)).toContainText("Pending");

  // 3. Approval, by a member of the policy's approver group.
  const inbox = new InboxPage(await signedIn(browser, org.email("approver1")));
  await inbox.goto();
  const requestId = (await inbox.item(org.email("requester"), TASK).getAttribute("id"))!.replace("request-", "");
  await inbox.decide(org.email("requester"), TASK, "Approve", "Legal asked for this review");
  await requests.expectStatus(TASK, "Active");

  // 4. The run, inside the window, through Elevate's runspace.
  await runspace.goto(TASK);
  await runspace.parameter("Identity").fill("legal@contoso.com");
  await runspace.run(TASK);
  await expect(runspace.result()).toContainText("jonis@contoso.com");

  // Revocation ends the window at once: the very next run is blocked.
  const access = new ActiveAccessPage(inbox.page);
  await access.goto();
  const row = access.row(org.email("requester")).filter({ hasText: TASK });
  await access.openRevoke(row);
  await access.comment().fill("Review finished");
  await access.confirmRevoke();
  await expect(row).toHaveCount(0);
  await runspace.goto(TASK);
  await runspace.parameter("Identity").fill("legal@contoso.com");
  await runspace.run(TASK);
  await expect(runspace.blocked()).toBeVisible();

  // 5. Every step in the audit view, and the chain intact.
  const audit = new AuditPage(admin);
  await audit.goto(`?q=${TASK}&limit=100`);
  const byTask = (await audit.events().allInnerTexts()).join("\n");
  for (const action of ["policy.created", "task.blocked", "request.created", "task.executed"]) {
    expect(byTask, `${action} in the audit view`).toContain(action);
  }
  await audit.goto(`?targetId=${requestId}`);
  const byRequest = (await audit.events().allInnerTexts()).join("\n");
  for (const action of ["request.created", "request.approved", "request.revoked"]) {
    expect(byRequest, `${action} for the request`).toContain(action);
  }
  await audit.verifyChain();
  await expect(audit.integrity()).toContainText(/intact/i);
});
