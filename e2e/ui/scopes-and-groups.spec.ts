import { expectNoSeriousViolations } from "../helpers";
import { expect, test } from "../org-fixture";
import { PoliciesPage } from "../pages/policies-page";
import { RequestsPage } from "../pages/requests-page";
import { ScopesPage } from "../pages/scopes-page";
import { SettingsPage } from "../pages/settings-page";

const catalog = {
  tasks: [
    { name: "ssh-prod", description: "Shell on a production host" },
    { name: "ssh-staging", description: "Shell on a staging host" },
  ],
  roles: [{ name: "Prod Shell", description: "Production access", tasks: ["ssh-prod"] }],
  roleGroups: [{ name: "Operators", roles: ["Prod Shell"] }],
};

test.describe("Settings → Scopes and approver groups as a Global Administrator", () => {
  test.beforeEach(async ({ signInPage, org }) => {
    await signInPage.goto(undefined, org.slug);
    await signInPage.signInAs(org.email("admin"));
  });

  test("registers an external scope, is told what is wrong with a catalog by path, imports one, sees its tasks and puts a policy on one", async ({ page, signIn }) => {
    const settings = new SettingsPage(page);
    await settings.goto();
    await page.getByRole("navigation", { name: "Settings sections" }).getByRole("link", { name: "Scopes" }).click();
    const scopes = new ScopesPage(page);
    await expect(page.getByRole("heading", { name: "Scopes", level: 1 })).toBeVisible();

    // The built-in catalog is read-only: no import form, no removal.
    const exchange = scopes.scope("Exchange");
    await expect(exchange).toContainText("Built-in");
    await expect(scopes.catalogForm("Exchange")).toHaveCount(0);
    await expect(exchange.getByRole("button", { name: /^Remove/ })).toHaveCount(0);

    await scopes.register("Bastion", "The SSH bastion");
    await expect(scopes.toast("Scope registered")).toBeVisible();
    const bastion = scopes.scope("Bastion");
    await expect(bastion).toContainText("External");
    await expect(bastion).toContainText("version 1");
    await expect(bastion).toContainText("0 tasks · 0 roles · 0 role groups");

    // A bad catalog: each problem by its path, next to the text; nothing is saved.
    await scopes.pasteCatalog("Bastion", { tasks: [{ name: "ssh-prod" }], roles: [{ name: "Prod Shell", tasks: ["ssh-nowhere"] }] });
    const problems = scopes.catalogForm("Bastion").getByRole("list", { name: "Problems in the catalog" });
    await expect(problems).toContainText('roles[0].tasks[0] names "ssh-nowhere", which is not a task of this catalog');
    await expect(scopes.catalogForm("Bastion").getByLabel("Catalog JSON")).toHaveAttribute("aria-invalid", "true");
    await scopes.pasteCatalog("Bastion", "{ not json");
    await expect(problems).toContainText("This is not valid JSON");
    await expect(bastion).toContainText("version 1");

    await scopes.uploadCatalog("Bastion", catalog);
    await expect(scopes.toast("Catalog saved")).toBeVisible();
    await expect(bastion).toContainText("version 2");
    await expect(bastion).toContainText("2 tasks · 1 roles · 1 role groups");
    await expect(scopes.table("Bastion", "Tasks").getByRole("row", { name: /ssh-prod/ })).toContainText("Shell on a production host");
    await expect(scopes.table("Bastion", "Roles").getByRole("row", { name: /Prod Shell/ })).toContainText("ssh-prod");
    await expect(scopes.table("Bastion", "Role groups")).toContainText("Operators");
    await expectNoSeriousViolations(page);

    // The policy editor offers the new scope's tasks, and a policy on one can be created and requested.
    const policies = new PoliciesPage(page);
    await page.goto("/policies/new");
    await page.getByLabel("Scope", { exact: true }).selectOption("Bastion");
    await page.getByRole("searchbox", { name: "Search tasks" }).fill("ssh");
    await expect(page.getByRole("radio", { name: "New-JournalRule", exact: true })).toHaveCount(0);
    await page.getByRole("radio", { name: "ssh-prod", exact: true }).check();
    await policies.save("Create policy");
    await expect(page).toHaveURL("/policies");
    await expect(policies.row("ssh-prod")).toBeVisible();

    const requester = await signIn("requester");
    await new RequestsPage(requester).ask({ target: "ssh-prod", hours: 1, reason: "Incident 42" });
    await expect(requester).toHaveURL("/requests");
    await new RequestsPage(requester).expectStatus("ssh-prod", /Pending/i);
    await requester.close();
  });

  test("renames an approver group, and is told why a group in use cannot be deleted", async ({ page }) => {
    const settings = new SettingsPage(page);
    await settings.goto();

    await settings.group("Exchange Leads").getByRole("button", { name: "Edit Exchange Leads" }).click();
    const form = page.getByRole("form", { name: "Edit Exchange Leads" });
    await form.getByLabel("Group name").fill("Exchange Owners");
    await form.getByRole("button", { name: "Save group" }).click();
    await expect(settings.toast("Approver group saved")).toBeVisible();
    await expect(settings.group("Exchange Owners")).toBeVisible();
    await expect(settings.group("Exchange Leads")).toHaveCount(0);

    await settings.group("PAM Approvers").getByRole("button", { name: "Delete PAM Approvers" }).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog).toContainText("Delete PAM Approvers?");
    await dialog.getByRole("button", { name: "Delete group" }).click();
    await expect(settings.toast(/PAM Approvers is the approver group of the policies .*New-JournalRule \(Exchange task\)/)).toBeVisible();
    await expect(settings.toast(/the organisation's default group/)).toBeVisible();
    await expect(settings.group("PAM Approvers")).toBeVisible();

    // An unused group goes.
    await settings.createGroup("Short-lived", []);
    await expect(settings.group("Short-lived")).toBeVisible();
    await settings.group("Short-lived").getByRole("button", { name: "Delete Short-lived" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete group" }).click();
    await expect(settings.toast("Short-lived deleted")).toBeVisible();
    await expect(settings.group("Short-lived")).toHaveCount(0);
  });
});
