/**
 * A real organisation from an empty database, as its first administrator would meet it: no seed,
 * no demo, sign-in by emailed link. The administrator follows the setup checklist (people, an
 * approver group, a policy), a member asks for access, an approver approves, and the member runs
 * the task.
 */
import { type Page, expect, test } from "@playwright/test";
import { DashboardPage } from "../pages/dashboard-page";
import { InboxPage } from "../pages/inbox-page";
import { MembersPage } from "../pages/members-page";
import { PoliciesPage } from "../pages/policies-page";
import { RequestsPage } from "../pages/requests-page";
import { RunspacePage } from "../pages/runspace-page";
import { SettingsPage } from "../pages/settings-page";
import { linkIn, signInByEmail, waitForEmail } from "./production-helpers";
import { PRODUCTION_ADMIN, productionUrl } from "./production-settings.mjs";

test.use({ baseURL: productionUrl });
test.describe.configure({ mode: "serial" });

test("a production start offers no demo: only email sign-in, and a non-member gets no mail", async ({ page }) => {
  await page.goto("/signin");
  await expect(page.getByRole("button", { name: /^Sign in as / })).toHaveCount(0);
  await expect(page.getByLabel("Work email")).toBeVisible();
  const dev = await page.goto("/dev/mailbox");
  expect(dev?.status()).toBe(404);
});

test("the first administrator signs in to an organisation that is ready for setup", async ({ browser }) => {
  const owner = await signInByEmail(browser, PRODUCTION_ADMIN);
  const checklist = owner.getByRole("list", { name: "Setup checklist" });
  await expect(checklist).toBeVisible();
  await expect(checklist.getByRole("listitem")).toHaveCount(6);
  await expect(owner.getByText(/^3 of 6 done/)).toBeVisible();
  await expect(checklist.getByRole("listitem").filter({ hasText: "Add the people" })).toContainText("Only you so far.");
  await expect(checklist.getByRole("listitem").filter({ hasText: "approver group" })).toContainText("PAM Approvers has 1 active member");
});

const people = {
  alice: "alice@acme.example",
  bob: "bob@acme.example",
  carol: "carol@acme.example",
};

/** Follows the checklist's link for a step, as a person reading it would. */
async function followStep(owner: Page, label: RegExp) {
  await owner.goto("/");
  await owner.getByRole("list", { name: "Setup checklist" }).getByRole("link", { name: label }).click();
}

test("the administrator follows the checklist: people, an approver group, a policy; then a member asks, an approver approves and the member runs the task", async ({ browser }) => {
  test.setTimeout(180_000);
  const owner = await signInByEmail(browser, PRODUCTION_ADMIN);

  // People: each is invited by email, with a link to sign in.
  await followStep(owner, /^Add the people/);
  const members = new MembersPage(owner);
  await expect(members.heading()).toBeVisible();
  await members.addMember({ email: people.alice, name: "Alice Approver" });
  await expect(members.row(people.alice)).toBeVisible();
  await members.addMember({ email: people.bob, name: "Bob Approver" });
  await expect(members.row(people.bob)).toBeVisible();
  await members.addMember({ email: people.carol, name: "Carol Engineer" });
  await expect(members.row(people.carol)).toBeVisible();
  const invitation = await waitForEmail(people.carol, /added you to/);
  expect(linkIn(invitation)).toContain("/signin");

  // An approver group of two: nobody approves their own request, so one member is not enough.
  await followStep(owner, /approver group at least two/);
  const settings = new SettingsPage(owner);
  await settings.createGroup("Acme Approvers", [people.alice, people.bob]);
  await expect(settings.group("Acme Approvers")).toContainText(people.bob);

  // A first policy, from the built-in catalog that a new organisation gets.
  await followStep(owner, /^Create a first policy/);
  const policies = new PoliciesPage(owner);
  await policies.pickTarget("Task", "New-JournalRule");
  await owner.getByLabel("Approver group", { exact: true }).selectOption("Acme Approvers");
  await policies.field("Maximum duration (hours)").fill("2");
  await policies.field("Default duration (hours)").fill("1");
  await policies.save("Create policy");
  await expect(owner).toHaveURL("/policies");
  await expect(policies.row("New-JournalRule")).toContainText("Acme Approvers");

  // Every step done: the checklist goes away.
  await owner.goto("/");
  await expect(owner.getByRole("heading", { name: /^Welcome/ })).toBeVisible();
  await expect(owner.getByRole("list", { name: "Setup checklist" })).toHaveCount(0);

  // A member signs in from their invitation and asks; the approvers are emailed a link to the request.
  const carol = await signInByEmail(browser, people.carol, { from: linkIn(invitation) });
  const requests = new RequestsPage(carol);
  await requests.ask({ target: "New-JournalRule", reason: "Journal the legal team for the audit" });
  await expect(requests.request("New-JournalRule")).toContainText("Pending");
  const approvalNeeded = await waitForEmail(people.alice, /^Approval needed: carol@acme\.example asks for New-JournalRule/);
  expect(linkIn(approvalNeeded)).toContain("/inbox");

  // An approver approves from the inbox the email links to.
  const alice = await signInByEmail(browser, people.alice);
  await alice.goto(linkIn(approvalNeeded));
  const inbox = new InboxPage(alice);
  await inbox.decide(people.carol, "New-JournalRule", "Approve", "For the audit");
  await requests.expectStatus("New-JournalRule", "Active");

  // Inside the window the task really runs.
  const runspace = new RunspacePage(carol);
  await runspace.goto("New-JournalRule");
  // A real organisation is told as plainly as the demo that its Exchange is simulated, not its tenant.
  await expect(runspace.workloadNotice()).toContainText("Simulated Exchange Online: the data is a workload Elevate simulates in its own database, not your tenant.");
  await runspace.parameter("Name").fill("Legal audit journal");
  await runspace.parameter("JournalEmailAddress").fill("journal@archive.example.com");
  await runspace.run("New-JournalRule");
  await expect(runspace.result()).toContainText("Legal audit journal");
  await expect(runspace.blocked()).toHaveCount(0);
});

test("a magic link to an address of a just-in-time domain makes a plain member when it is used, not when it is asked for", async ({ browser }) => {
  const owner = await signInByEmail(browser, PRODUCTION_ADMIN);
  await owner.goto("/settings#sign-in");
  const card = owner.getByRole("form", { name: "Sign-in settings" });
  await card.getByLabel("Just-in-time email domains").fill("joiners.acme.example");
  await card.getByRole("button", { name: "Save sign-in settings" }).click();
  await expect(owner.getByText("Sign-in settings saved")).toBeVisible();

  const joiner = "first.day@joiners.acme.example";
  const members = new MembersPage(owner);
  await members.goto();
  await expect(members.row(joiner)).toHaveCount(0);
  const page = await signInByEmail(browser, joiner);
  const dashboard = new DashboardPage(page);
  await expect(dashboard.email()).toHaveText(joiner);
  await expect(dashboard.roles()).toHaveText("Requestor");
  await members.goto();
  await expect(members.row(joiner)).toBeVisible();
});
