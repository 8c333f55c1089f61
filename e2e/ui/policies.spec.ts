import { expect, test } from "../org-fixture";
import { expectNoSeriousViolations } from "../helpers";
import { PoliciesPage } from "../pages/policies-page";

// Only the first test below adds a policy (and removes it again); the others only look.
const TASK = "New-DistributionGroup";
const ROLE = "Distribution Groups";

test.describe("Policies", () => {
  test.beforeEach(async ({ signInPage, org }) => {
    await signInPage.goto(undefined, org.slug);
    await signInPage.signInAs(org.email("rolemanager"));
  });

  test("a Role Management admin creates, changes and deletes a task policy", async ({ page }) => {
    const policies = new PoliciesPage(page);
    await policies.goto();
    await policies.removeIfPresent(TASK);
    const before = await policies.usage();
    expect(before.count).toBe(await policies.rowCount());

    await policies.openNew();
    await policies.pickTarget("Task", TASK, "DistributionGroup");
    await expect(policies.coverage()).toContainText(`Only the task ${TASK}`);
    await expect(policies.coverage()).toContainText(ROLE);

    // A default longer than the maximum is refused, and said next to "Default duration".
    await policies.field("Maximum duration (hours)").fill("4");
    await policies.field("Default duration (hours)").fill("6");
    await policies.save("Create policy");
    const defaultDuration = policies.field("Default duration (hours)");
    await expect(defaultDuration).toHaveAttribute("aria-invalid", "true");
    await expect(defaultDuration).toHaveAccessibleDescription(/cannot exceed the maximum \(4 h\)/);
    await expect(defaultDuration).toBeFocused();
    await expect(page).toHaveURL("/policies/new");
    // What the admin typed survives the refusal.
    await expect(policies.field("Maximum duration (hours)")).toHaveValue("4");
    await expect(page.getByRole("radio", { name: TASK, exact: true })).toBeChecked();

    await defaultDuration.fill("2");
    await policies.save("Create policy");
    await expect(page).toHaveURL("/policies");
    await expect(page.getByText("Policy created")).toBeVisible();
    const row = policies.row(TASK);
    await expect(row).toContainText("Task");
    await expect(row).toContainText("Manual");
    await expect(row).toContainText("PAM Approvers");
    await expect(row).toContainText("1 approval required");
    await expect(row).toContainText("Max 4 h");
    await expect(row).toContainText("Default 2 h");
    await expect(row).toContainText("Enabled");
    // No other test adds or removes a policy of this spec's organisation: the usage went up by ours,
    // and counts exactly the rows it heads.
    const after = await policies.usage();
    expect(after.limit).toBe(before.limit);
    expect(after.count).toBe(before.count + 1);
    expect(after.count).toBe(await policies.rowCount());

    // The filters find it; a filter it does not match hides it.
    await policies.search("distributiongroup");
    await expect(policies.link(TASK)).toBeVisible();
    await page.getByLabel("Approval", { exact: true }).selectOption("auto");
    await expect(policies.link(TASK)).toHaveCount(0);
    await expect(page).toHaveURL(/approval=auto/);
    await page.getByRole("button", { name: "Clear filters" }).first().click();

    await policies.open(TASK);
    await expect(page.getByRole("radio", { name: TASK })).toHaveCount(0); // the target is fixed
    await policies.field("Required approvals").fill("2");
    await policies.save("Save changes");
    await expect(page).toHaveURL("/policies");
    await expect(page.getByText("Policy saved")).toBeVisible();
    await expect(policies.row(TASK)).toContainText("2 approvals required");

    await policies.open(TASK);
    await policies.delete(TASK);
    await expect(page.getByText("Policy deleted")).toBeVisible();
    await expect(policies.link(TASK)).toHaveCount(0);
  });

  test("the picker shows which tasks a role covers", async ({ page }) => {
    const policies = new PoliciesPage(page);
    await page.goto("/policies/new");
    await policies.pickTarget("Role", ROLE, "distribution");
    await expect(page.getByRole("radio", { name: "Journaling", exact: true })).toHaveCount(0);
    await expect(policies.coverage()).toContainText("4 tasks");
    await expect(policies.coverage().getByRole("list", { name: `Tasks of ${ROLE}` }).getByRole("listitem")).toHaveText([
      "Add-DistributionGroupMember",
      "New-DistributionGroup",
      "Remove-DistributionGroupMember",
      "Set-DistributionGroup",
    ]);

    // A role group reaches through its roles.
    await policies.pickTarget("Role group", "Recipient Management", "recipient");
    await expect(policies.coverage().getByRole("list", { name: `Tasks of ${ROLE}` })).toContainText(TASK);

    // Targets that already have a policy cannot get a second one.
    await page.getByRole("radio", { name: "Role", exact: true }).check();
    await page.getByRole("searchbox", { name: "Search roles" }).fill("transport");
    await expect(page.getByRole("radio", { name: "Transport Rules", exact: true })).toBeDisabled();
  });

  test("the list and the editor have no serious accessibility violations", async ({ page }) => {
    const policies = new PoliciesPage(page);
    await policies.goto();
    await expectNoSeriousViolations(page);
    await policies.openNew();
    await policies.pickTarget("Role", ROLE, "distribution");
    await expectNoSeriousViolations(page);
    await policies.goto();
    await policies.table().getByRole("link").first().click();
    await expect(page.getByRole("heading", { name: /^Policy for /, level: 1 })).toBeVisible();
    await expectNoSeriousViolations(page);
  });
});

test("a requestor who opens Policies is refused with HTTP 403", async ({ page, signInPage, org }) => {
  await signInPage.goto(undefined, org.slug);
  await signInPage.signInAs(org.email("requester"));
  for (const path of ["/policies", "/policies/new"]) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "You don't have access to Policies" })).toBeVisible();
    await expect(page.getByText("Policies is open to Role Management and Global Administrators.")).toBeVisible();
  }
});
