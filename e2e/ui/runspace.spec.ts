import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "../org-fixture";
import { RunspacePage } from "../pages/runspace-page";

// Tasks of this spec: Get-Mailbox (a standing role of Recipient Management) and New-TransportRule
// (the "Transport Rules" role policy). No run here changes anything: the blocked and invalid runs
// write nothing, and Get-Mailbox only reads. ceo@contoso.com is a mailbox of the simulated Exchange
// workload, which every demo organisation (this spec's too) seeds with the same addresses.

async function expectNoSeriousAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
}

test("a requestor runs Get-Mailbox on a standing role and sees the mailboxes", async ({ page, signInPage, org }) => {
  await signInPage.goto("/runspace", org.slug);
  await signInPage.signInAs(org.email("requester2"));
  const runspace = new RunspacePage(page);
  await runspace.goto();

  await expect(runspace.taskButton("Get-Mailbox")).toContainText("Standing role");
  await runspace.pick("Get-Mailbox");
  await expect(page).toHaveURL(/\/runspace\?task=Get-Mailbox$/);
  await expect(runspace.parameter("ResultSize")).toHaveValue("1000");
  await runspace.run("Get-Mailbox");

  await expect(runspace.result()).toContainText("Succeeded");
  await expect(runspace.resultTable().getByRole("columnheader", { name: "PrimarySmtpAddress" })).toBeVisible();
  await expect(runspace.resultTable().getByRole("cell", { name: "ceo@contoso.com", exact: true })).toBeVisible();
  await expectNoSeriousAxeViolations(page);
});

test("a task without a grant is blocked with the reason and a link to request it", async ({ page, signInPage, org }) => {
  // Nothing in this spec ever grants requester the Transport Rules role.
  await signInPage.goto("/runspace", org.slug);
  await signInPage.signInAs(org.email("requester"));
  const runspace = new RunspacePage(page);
  await runspace.goto("New-TransportRule");

  // Selected from the address; the picker already says it needs a request.
  await expect(runspace.taskHeading("New-TransportRule")).toBeVisible();
  await expect(runspace.taskButton("New-TransportRule")).toContainText("Needs a request");
  await runspace.parameter("Name").fill("E2E runspace blocked rule");
  await runspace.parameter("PrependSubject").fill("[E2E] ");
  await runspace.run("New-TransportRule");

  await expect(runspace.blocked()).toContainText("New-TransportRule needs approved just-in-time access");
  await expect(runspace.blocked()).toContainText("A privileged access policy covers New-TransportRule");
  await expect(runspace.requestAccessLink()).toHaveAttribute("href", "/requests/new?target=New-TransportRule&type=task");
  await expectNoSeriousAxeViolations(page);
});

test("a parameter the task refuses is explained next to its field", async ({ page, signInPage, org }) => {
  // The excluded service account may run anything, so the task's own validation answers.
  await signInPage.goto("/runspace", org.slug);
  await signInPage.signInAs(org.email("svc-backup"));
  const runspace = new RunspacePage(page);
  await runspace.goto("New-TransportRule");

  await expect(runspace.taskButton("New-TransportRule")).toContainText("excluded account");
  await runspace.parameter("PrependSubject").fill("[E2E] ");
  await runspace.run("New-TransportRule");

  const name = runspace.parameter("Name");
  await expect(name).toHaveAttribute("aria-invalid", "true");
  await expect(name).toHaveAccessibleDescription(/is required/);
  await expect(name).toBeFocused();
  await expect(page.getByRole("alert").filter({ hasText: "Some parameters are not valid" })).toBeVisible();
  await expect(runspace.parameter("PrependSubject")).not.toHaveAttribute("aria-invalid", "true");
});

test("the runspace says its Exchange is simulated, not the organisation's tenant, and how to connect a real one", async ({ page, signInPage, org }) => {
  await signInPage.goto("/runspace", org.slug);
  await signInPage.signInAs(org.email("requester"));
  const runspace = new RunspacePage(page);
  await runspace.goto();

  const notice = runspace.workloadNotice();
  await expect(notice).toContainText("Simulated Exchange Online: the data is Elevate's demo workload, not your tenant.");
  await expect(notice).toContainText(`${org.slug}.onmicrosoft.com`);
  await notice.getByRole("link", { name: "Connecting Exchange Online" }).click();
  await expect(page.getByRole("heading", { name: "Connecting Exchange Online", level: 1 })).toBeVisible();
  await expect(page.getByRole("main")).toContainText("planned and not built yet");
  await expect(page.getByRole("main")).toContainText("elevate access check --scope ExchangeOnline");
  await expectNoSeriousAxeViolations(page);
});

test("a newcomer picks a journal rule from the list, removes it, and reads what was done", async ({ page, signInPage, org, api }) => {
  // A rule of this test's own, made by the excluded service account, so the test never depends on the seed's.
  const name = `E2E picked journal rule ${Date.now()}`;
  const service = await api("svc-backup");
  const created = await service.post("tasks/run", { data: { task: "New-JournalRule", parameters: { Name: name, JournalEmailAddress: "journal@archive.example.com" } } });
  expect(created.status()).toBe(200);

  // The administrator's standing Organization Management holds Journaling.
  await signInPage.goto("/runspace", org.slug);
  await signInPage.signInAs(org.email("admin"));
  const runspace = new RunspacePage(page);
  await runspace.goto("Remove-JournalRule");
  await expect(runspace.workloadNotice()).toBeVisible();

  const identity = runspace.picker("Identity");
  await identity.fill("picked journal");
  await expect(runspace.option(name)).toBeVisible();
  await expect(runspace.option(name)).toContainText("journal@archive.example.com");
  await expectNoSeriousAxeViolations(page);
  await runspace.option(name).click();
  await expect(identity).toHaveValue(name);
  await expect(page.getByRole("listbox")).toBeHidden();

  await runspace.run("Remove-JournalRule");
  await expect(runspace.result()).toContainText("Succeeded");
  await expect(runspace.result()).toContainText(`Done: the journal rule '${name}' was removed.`);
  await expect(runspace.result()).not.toContainText("null");

  // Gone from the list it was picked from.
  await identity.fill("picked journal");
  await expect(identity).toHaveAccessibleDescription(/No journal rule matches “picked journal”/);
  await expect(runspace.options()).toHaveCount(0);
});

test("a failing run reads as the cmdlet's own error, on the organisation's tenant, and says what to do", async ({ page, signInPage, org }) => {
  await signInPage.goto("/runspace", org.slug);
  await signInPage.signInAs(org.email("admin"));
  const runspace = new RunspacePage(page);
  await runspace.goto("Remove-JournalRule");

  // Free text is still taken: Exchange names a rule by its name or GUID.
  await runspace.picker("Identity").fill("No such rule");
  await runspace.run("Remove-JournalRule");
  const failure = runspace.failure();
  await expect(failure).toContainText("Remove-JournalRule failed");
  await expect(failure).toContainText(
    `Remove-JournalRule: The operation couldn't be performed because object 'No such rule' couldn't be found on '${org.slug}.onmicrosoft.com'.`,
  );
  await expect(failure).toContainText("What to do: Check Identity: pick a journal rule from the list under the field");
  await expect(failure).toContainText("Get-JournalRule lists every one.");
  await expect(failure).not.toContainText("PROD.OUTLOOK.COM");
  await expectNoSeriousAxeViolations(page);
});

test("the picker works from the keyboard alone", async ({ page, signInPage, org }) => {
  await signInPage.goto("/runspace", org.slug);
  await signInPage.signInAs(org.email("requester2"));
  const runspace = new RunspacePage(page);
  await runspace.goto("Get-Mailbox");

  const identity = runspace.picker("Identity");
  await identity.focus();
  await page.keyboard.press("ArrowDown");
  await expect(identity).toHaveAttribute("aria-expanded", "true");
  await expect(runspace.options()).toHaveCount(8);
  await page.keyboard.type("patti");
  await expect(runspace.options()).toHaveCount(1);
  await page.keyboard.press("ArrowDown");
  const patti = runspace.option("Patti Fernandez");
  await expect(patti).toHaveAttribute("aria-selected", "true");
  await expect(identity).toHaveAttribute("aria-activedescendant", (await patti.getAttribute("id"))!);
  await page.keyboard.press("Enter");
  await expect(identity).toHaveValue("ceo@contoso.com");
  await expect(identity).toHaveAttribute("aria-expanded", "false");
  await expect(identity).toBeFocused();

  // Escape closes the list and keeps what was typed.
  await page.keyboard.press("ArrowDown");
  await expect(identity).toHaveAttribute("aria-expanded", "true");
  await page.keyboard.press("Escape");
  await expect(identity).toHaveAttribute("aria-expanded", "false");
  await expect(identity).toHaveValue("ceo@contoso.com");

  // With the list closed, Enter runs the task.
  await page.keyboard.press("Enter");
  await expect(runspace.result()).toContainText("Succeeded");
  await expect(runspace.resultTable().getByRole("cell", { name: "Patti Fernandez", exact: true })).toBeVisible();
});

test("someone who may not run the task is not shown its objects, and may still type one", async ({ page, signInPage, org }) => {
  // requester's Recipient Management holds no journaling, and no policy covers Remove-JournalRule.
  await signInPage.goto("/runspace", org.slug);
  await signInPage.signInAs(org.email("requester"));
  const runspace = new RunspacePage(page);
  await runspace.goto("Remove-JournalRule");

  const identity = runspace.picker("Identity");
  await expect(identity).toHaveAccessibleDescription(/journal rules are listed once you may run Remove-JournalRule; you can still type one/);
  await identity.fill("Journal");
  await identity.press("ArrowDown");
  await expect(runspace.options()).toHaveCount(0);
  await expect(identity).toHaveValue("Journal");
});

test("a value typed while the list is open runs when Run is clicked", async ({ page, signInPage, org }) => {
  // The list sits in the page's flow: closing it as the press leaves the field would move Run away from under the pointer.
  await signInPage.goto("/runspace", org.slug);
  await signInPage.signInAs(org.email("requester2"));
  const runspace = new RunspacePage(page);
  await runspace.goto("Get-Mailbox");

  await runspace.picker("Identity").fill("legal@contoso.com");
  await expect(runspace.option("Legal")).toBeVisible();
  await runspace.run("Get-Mailbox");
  await expect(runspace.result()).toContainText("Succeeded");
  await expect(runspace.resultTable().getByRole("cell", { name: "legal@contoso.com", exact: true })).toBeVisible();
  await expect(page.getByRole("listbox")).toBeHidden();
});
