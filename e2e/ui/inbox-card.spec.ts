/**
 * What an approver reads on an inbox card before deciding: who asks by name (not only an address),
 * a Guest badge on a guest, the requester's recent requests for the same target, and for a role
 * group the roles it opens.
 */
import { expectNoSeriousViolations, ensurePolicies } from "../helpers";
import { expect, orgOf, test } from "../org-fixture";
import { InboxPage } from "../pages/inbox-page";
import { RequestsPage } from "../pages/requests-page";

test.beforeAll(async ({}, testInfo) => {
  const org = orgOf(testInfo);
  const admin = await org.api("admin", "spare");
  await ensurePolicies(admin, [
    // A member asks for this one twice: the second card shows the first, denied.
    { type: "task", target: "Set-DistributionGroup", approverGroup: "PAM Approvers" },
    // Guests may not ask unless a policy names them.
    { type: "task", target: "New-MailContact", approverGroup: "PAM Approvers", eligible: [org.email("partner")] },
  ]);
  await admin.dispose();
});

test("a card names the requester and shows their recent requests for the same target", async ({ api, org, signIn }) => {
  const requester = await api("requester");
  const approverApi = await api("approver1");
  const first = await (await requester.post("requests", { data: { target: "Set-DistributionGroup", reason: "Rename the sales list" } })).json();
  const denied = await approverApi.post(`requests/${first.id}/deny`, { data: { comment: "Use the self-service portal" } });
  expect(denied.status(), await denied.text()).toBe(200);
  const again = await requester.post("requests", { data: { target: "Set-DistributionGroup", reason: "The portal cannot rename it" } });
  expect(again.status(), await again.text()).toBe(201);

  const inbox = new InboxPage(await signIn("approver1"));
  await inbox.goto();
  const card = inbox.item(org.email("requester"), "Set-DistributionGroup");
  await expect(card).toHaveCount(1);
  await expect(card).toContainText(`Adele Vance (${org.email("requester")}) asks for the task Set-DistributionGroup`);
  await expect(card.getByText("Guest", { exact: true })).toHaveCount(0);
  const recent = card.getByRole("list", { name: "Recent requests for Set-DistributionGroup" });
  await expect(recent.getByRole("listitem")).toHaveCount(1);
  await expect(recent).toContainText("Denied");
  // The comment counts against its limit, read with the field.
  await expect(card.getByLabel("Comment")).toHaveAccessibleDescription(/Required to deny\. 0 \/ 1000 characters/);
  await expectNoSeriousViolations(inbox.page);
});

test("a guest's card carries a Guest badge beside their name", async ({ org, signIn }) => {
  const guest = new RequestsPage(await signIn("partner"));
  await guest.ask({ target: "New-MailContact", reason: "Add the Fabrikam contacts for the joint project" });
  await expect(guest.page).toHaveURL("/requests");

  const inbox = new InboxPage(await signIn("approver2"));
  await inbox.goto();
  const card = inbox.item(org.email("partner"), "New-MailContact");
  await expect(card).toContainText(`Johanna Lorenz (Fabrikam) (${org.email("partner")}) asks for the task New-MailContact`);
  await expect(card.getByText("Guest", { exact: true })).toBeVisible();
  // Nothing asked before: no history list.
  await expect(card.getByRole("list", { name: /^Recent requests for / })).toHaveCount(0);
});

test("a role group's card lists the roles it opens", async ({ api, org, signIn }) => {
  const requester = await api("requester2");
  const asked = await requester.post("requests", {
    data: { type: "roleGroup", target: "Compliance Management", reason: "Quarterly retention review", ticket: "CHG-4711" },
  });
  expect(asked.status(), await asked.text()).toBe(201);

  const inbox = new InboxPage(await signIn("approver1"));
  await inbox.goto();
  const card = inbox.item(org.email("requester2"), "Compliance Management");
  await expect(card).toContainText(`Lynne Robbins (${org.email("requester2")}) asks for the role group Compliance Management`);
  await expect(card).toContainText("Its roles: Audit Logs, Retention Management");
  await expect(card).toContainText("ticket CHG-4711");
});
