import { expect, test } from "../org-fixture";
import { expectNoSeriousViolations } from "../helpers";
import { MembersPage } from "../pages/members-page";

// The tests here run in parallel on this spec's organisation, each on people of its own.
test.describe("People as a Global Administrator", () => {
  test.beforeEach(async ({ signInPage, org }) => {
    await signInPage.goto(undefined, org.slug);
    await signInPage.signInAs(org.email("admin"));
  });

  test("adds a member, whose invitation lands; changes their roles and disables them", async ({ page, org }) => {
    const email = `nestor@${org.slug}.example`;
    const members = new MembersPage(page);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "People" }).click();
    await expect(members.heading()).toBeVisible();

    await members.addMember({ email, name: "Nestor Wilke", roleGroups: ["Recipient Management"] });
    await expect(members.toast("Member added")).toBeVisible();
    const row = members.row(email);
    await expect(row).toContainText("Nestor Wilke");
    await expect(row).toContainText("Recipient Management");
    await expect(row).toContainText("Requestor");
    await expect(row).toContainText("Invited, not yet");

    await page.goto("/dev/mailbox");
    const invitation = page.getByRole("listitem").filter({ hasText: `added you to ${org.name} on Elevate` }).filter({ hasText: `To ${email}` });
    await expect(invitation).toHaveCount(1);
    await expect(invitation).toContainText(`/signin?email=${encodeURIComponent(email)}`);

    await members.goto();
    const form = await members.edit(email);
    await form.getByRole("checkbox", { name: "Auditor", exact: true }).check();
    await form.getByRole("button", { name: "Save member" }).click();
    await expect(members.toast("Member saved")).toBeVisible();
    await expect(row).toContainText("Auditor");
    await expect(form).toHaveCount(0);

    await members.disable(email);
    await expect(members.toast(`${email} is disabled`)).toBeVisible();
    await expect(row).toContainText("Disabled");
    await expect(row.getByRole("button", { name: `Enable ${email}` })).toBeVisible();
  });

  test("imports a CSV: a file with a bad row is shown with its error and writes nothing; a good one is imported", async ({ page, org }) => {
    const members = new MembersPage(page);
    const domain = `${org.slug}.example`;
    await members.goto();
    await members.previewImport(`email,name,roles,roleGroups,guest\nava@${domain},Ava One,auditor,Recipient Management,\nnot-an-email,Bad Row,,,\n`);
    await expect(members.previewRow(2)).toContainText("Will be added");
    await expect(members.previewRow(3)).toContainText("Problem");
    await expect(members.previewRow(3)).toContainText("email:");
    await expect(page.getByRole("status").filter({ hasText: "1 to add" })).toContainText("1 with problems");
    await expect(members.importButton()).toBeDisabled();
    await page.reload();
    await expect(members.row(`ava@${domain}`)).toHaveCount(0);

    await members.previewImport(`email,name,roles,roleGroups,guest\nava@${domain},Ava One,auditor,Recipient Management,\nben@${domain},Ben Two,,,true\n`);
    await expect(members.previewRow(3)).toContainText("Will be added");
    await members.importButton().click();
    await expect(members.toast("2 members imported and invited")).toBeVisible();
    await expect(members.row(`ava@${domain}`)).toContainText("Auditor");
    await expect(members.row(`ben@${domain}`)).toContainText("Guest");
  });

  test("a refused field is explained next to it and keeps what was typed; a member is removed after a confirm", async ({ page, org }) => {
    const members = new MembersPage(page);
    await members.goto();
    await members.addMember({ email: "not-an-email" });
    const email = page.getByRole("form", { name: "Add member" }).getByLabel("Email");
    await expect(email).toHaveAttribute("aria-invalid", "true");
    await expect(email).toHaveAccessibleDescription(/must be an email address/);
    await expect(email).toHaveValue("not-an-email");
    await expect(email).toBeFocused();

    await members.addMember({ email: org.email("requester2") });
    await expect(members.toast(/already a member/)).toBeVisible();

    const leaver = `leaver@${org.slug}.example`;
    await page.getByRole("form", { name: "Add member" }).getByRole("button", { name: "Cancel" }).click();
    await members.addMember({ email: leaver, roles: ["Auditor"] });
    await expect(members.row(leaver)).toBeVisible();
    await members.remove(leaver);
    await expect(members.toast(`${leaver} is removed`)).toBeVisible();
    await expect(members.row(leaver)).toHaveCount(0);
    // Nobody removes or disables themselves: there is no button for it.
    await members.edit(org.email("admin"));
    await expect(page.getByRole("button", { name: new RegExp(`^(Remove|Disable) ${org.email("admin").replace(/[.]/g, "\\.")}`) })).toHaveCount(0);
  });

  test("works at phone width without the page scrolling sideways, and has no serious accessibility violations", async ({ page, org }) => {
    const members = new MembersPage(page);
    await page.setViewportSize({ width: 390, height: 844 });
    await members.goto();
    await page.getByRole("button", { name: "Add member" }).click();
    await members.edit(org.email("requester"));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectNoSeriousViolations(page);
    await page.getByRole("button", { name: "Import CSV" }).click();
    await members.previewImport("email\nnot-an-email\n");
    await expect(members.previewRow(2)).toContainText("Problem");
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await expectNoSeriousViolations(page);
  });

  test("Settings links to People", async ({ page }) => {
    await page.goto("/settings");
    await page.getByRole("link", { name: "Open People" }).click();
    await expect(new MembersPage(page).heading()).toBeVisible();
  });
});

test("Role Management sees People read-only; a requestor is refused it and has no People in the menu", async ({ signIn, org }) => {
  const manager = await signIn("rolemanager");
  await manager.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "People" }).click();
  const members = new MembersPage(manager);
  await expect(members.row(org.email("admin"))).toContainText("Global Administrator");
  await expect(manager.getByRole("button", { name: "Add member" })).toHaveCount(0);
  await expect(manager.getByRole("button", { name: /^Edit / })).toHaveCount(0);
  await manager.close();

  const requester = await signIn("requester2");
  await expect(requester.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "People" })).toHaveCount(0);
  await requester.goto("/members");
  await expect(requester.getByRole("heading", { name: "You don't have access to People" })).toBeVisible();
  await requester.close();
});
