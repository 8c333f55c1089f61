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
