import { expect, test } from "../org-fixture";
import { expectNoSeriousViolations } from "../helpers";
import { SettingsPage } from "../pages/settings-page";

// The tests here run in parallel on this spec's organisation: PAM, the default group and the
// duration limits stay as seeded; the one setting changed here (the ending-soon notice) is put back.
const GROUP = "E2E Reviewers";

test.describe("Settings as a Global Administrator", () => {
  test.beforeEach(async ({ signInPage, org }) => {
    await signInPage.goto(undefined, org.slug);
    await signInPage.signInAs(org.email("admin"));
  });

  test("changes the ending-soon notice, sees a toast, and puts it back", async ({ page }) => {
    const settings = new SettingsPage(page);
    await settings.goto();
    const field = settings.field("Ending-soon notice (minutes)");
    const before = await field.inputValue();
    const changed = before === "20" ? "25" : "20";
    await settings.saveLimits({ "Ending-soon notice (minutes)": changed });
    await expect(settings.toast("Limits saved")).toBeVisible();
    await page.reload();
    await expect(field).toHaveValue(changed);

    await settings.saveLimits({ "Ending-soon notice (minutes)": before });
    await expect(settings.toast("Limits saved")).toBeVisible();
    await page.reload();
    await expect(field).toHaveValue(before);
  });

  test("a refused value is explained next to its field and keeps what was typed", async ({ page }) => {
    const settings = new SettingsPage(page);
    await settings.goto();
    await settings.saveLimits({ "Policy limit": "0" });
    const field = settings.field("Policy limit");
    await expect(field).toHaveAttribute("aria-invalid", "true");
    await expect(field).toHaveAccessibleDescription(/at least 1/);
    await expect(field).toBeFocused();
    await expect(field).toHaveValue("0");
    await page.reload();
    await expect(field).not.toHaveValue("0");
  });

  test("cannot exclude their own account from PAM: the refusal shows by the list, and nothing is saved", async ({ page, org }) => {
    const settings = new SettingsPage(page);
    await settings.goto();
    const exclusions = page.getByRole("group", { name: "Accounts excluded from PAM" });
    const own = exclusions.getByRole("checkbox", { name: new RegExp(org.email("admin").replace(/[.]/g, "\\.")) });
    await own.check();
    await page.getByRole("button", { name: "Save exclusions" }).click();
    await expect(exclusions).toHaveAccessibleDescription(/cannot exclude your own account from PAM/);
    await page.reload();
    await expect(own).not.toBeChecked();
  });

  test(`creates the approver group "${GROUP}", refuses a second of that name, and edits its members`, async ({ page, org }) => {
    const settings = new SettingsPage(page);
    await settings.goto();
    await settings.createGroup(GROUP, [org.email("approver1")]);
    await expect(settings.toast("Approver group saved")).toBeVisible();
    const group = settings.group(GROUP);
    await expect(group).toBeVisible();
    await expect(group.getByRole("list", { name: `Members of ${GROUP}` })).toHaveText(org.email("approver1"));
    await page.reload();
    await expect(settings.group(GROUP)).toContainText(org.email("approver1"));

    // A second "new" group by that name is refused next to the name, and takes over nothing.
    await settings.createGroup(GROUP, [org.email("approver2")]);
    const name = page.getByRole("form", { name: "New approver group" }).getByLabel("Group name");
    await expect(name).toHaveAttribute("aria-invalid", "true");
    await expect(name).toHaveAccessibleDescription(/already a group named E2E Reviewers/);
    await page.getByRole("form", { name: "New approver group" }).getByRole("button", { name: "Cancel" }).click();
    await expect(group.getByRole("list", { name: `Members of ${GROUP}` })).toHaveText(org.email("approver1"));

    // Editing the group itself does change its members.
    await settings.addGroupMembers(GROUP, [org.email("approver2")]);
    await expect(settings.toast("Approver group saved")).toBeVisible();
    await expect(group.getByRole("list", { name: `Members of ${GROUP}` })).toContainText(org.email("approver2"));
  });

  test("creates an API token, sees it once, and revokes it", async ({ page }) => {
    const settings = new SettingsPage(page);
    await settings.goto();
    await page.getByRole("link", { name: "API tokens" }).first().click();
    await expect(page.getByRole("heading", { name: "API tokens", level: 1 })).toBeVisible();

    const name = `E2E settings token ${Date.now()}`;
    await settings.createToken(name);
    await expect(settings.toast(/Token created/)).toBeVisible();
    await expect(page.getByText("it will not be shown again")).toBeVisible();
    await expect(settings.newToken()).toHaveValue(/^elv_[a-z0-9]{8}_/);
    await expect(settings.newToken()).toHaveAttribute("readonly", "");
    const secret = await settings.newToken().inputValue();
    await page.getByRole("button", { name: "Done" }).click();
    await expect(settings.newToken()).toHaveCount(0);

    // Listed by its prefix only; the secret is nowhere on the page any more, not even after a reload.
    await page.reload();
    const row = settings.tokenRow(name);
    await expect(row).toContainText("Active");
    await expect(row).toContainText(secret.slice(0, 12));
    expect(await page.content()).not.toContain(secret);

    await settings.revokeToken(name);
    await expect(settings.toast("Token revoked")).toBeVisible();
    await expect(row).toContainText("Revoked");
    await expect(row.getByRole("button", { name: /^Revoke/ })).toHaveCount(0);
  });

  test("has no serious accessibility violations", async ({ page }) => {
    const settings = new SettingsPage(page);
    await settings.goto();
    await expectNoSeriousViolations(page);
    await page.getByRole("button", { name: "New approver group" }).click();
    await expectNoSeriousViolations(page);
    await settings.gotoTokens();
    await expectNoSeriousViolations(page);
  });
});

test("a requestor is refused Settings with a 403 but reaches their own API tokens from the menu", async ({ page, signInPage, org }) => {
  await signInPage.goto(undefined, org.slug);
  await signInPage.signInAs(org.email("requester"));
  const refused = await page.goto("/settings");
  expect(refused?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You don't have access to Settings" })).toBeVisible();
  const menu = page.getByRole("navigation", { name: "Main" });
  await expect(menu.getByRole("link", { name: "Settings" })).toHaveCount(0);
  await menu.getByRole("link", { name: "API tokens" }).click();
  await expect(page).toHaveURL("/settings/tokens");
  await expect(page.getByRole("heading", { name: "API tokens", level: 1 })).toBeVisible();
  await expect(menu.getByRole("link", { name: "API tokens" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("button", { name: "Create token" })).toBeVisible();
  await expectNoSeriousViolations(page);
});
