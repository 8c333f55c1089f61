import type { Page } from "@playwright/test";
import { expect, test } from "../org-fixture";
import { expectNoSeriousViolations } from "../helpers";
import { PoliciesPage } from "../pages/policies-page";

// The spec's own organisation: only this spec changes who may request New-JournalRule.
const TARGET = "New-JournalRule";

/** The request form's list of targets, searched for the target. */
async function offered(page: Page) {
  await page.goto("/requests/new");
  await page.getByLabel("Search tasks, roles and role groups").fill("JournalRule");
  return page.getByRole("radio", { name: new RegExp(`^${TARGET} `) });
}

test.describe("Who may request", () => {
  test("an admin names who may request; only they are offered the target", async ({ org, signIn }) => {
    const admin = await signIn("rolemanager");
    const policies = new PoliciesPage(admin);
    await policies.goto();
    await policies.open(TARGET);
    // Every member by default.
    await expect(admin.getByRole("radio", { name: "Every member", exact: true })).toBeChecked();
    await expect(admin.getByRole("radio", { name: "Grants the task", exact: true })).toBeChecked();

    // Choosing groups and people but none of them is refused next to the field.
    await admin.getByRole("radio", { name: "Chosen groups and people", exact: true }).check();
    await policies.save("Save changes");
    await expect(admin.getByText("Pick at least one approver group or member")).toBeVisible();

    await policies.setWhoMayRequest({ groups: ["Exchange Leads"], members: [org.email("requester2")] });
    await policies.setWindow("unlocks");
    await admin.getByLabel("Add a member", { exact: true }).fill("requester");
    await expect(admin.getByRole("list", { name: "Matching members" })).toBeVisible();
    await expectNoSeriousViolations(admin);
    await admin.getByLabel("Add a member", { exact: true }).fill("");
    await policies.save("Save changes");
    await expect(admin).toHaveURL("/policies");
    await expect(admin.getByText("Policy saved")).toBeVisible();

    // It was stored: the editor shows it again.
    await policies.open(TARGET);
    await expect(admin.getByRole("radio", { name: "Chosen groups and people", exact: true })).toBeChecked();
    await expect(admin.getByRole("checkbox", { name: "Exchange Leads", exact: true })).toBeChecked();
    await expect(admin.getByRole("checkbox", { name: "PAM Approvers", exact: true })).not.toBeChecked();
    await expect(policies.namedMembers()).toHaveText(new RegExp(org.email("requester2").replace(/\./g, "\\.")));
    await expect(admin.getByRole("radio", { name: "Unlocks only what their role groups include", exact: true })).toBeChecked();

    // Not eligible: not offered.
    const requester = await signIn("requester");
    await expect(await offered(requester)).toHaveCount(0);

    // Named by email: offered, and told the window only unlocks what their role groups include.
    const requester2 = await signIn("requester2");
    const choice = await offered(requester2);
    await expect(choice).toHaveCount(1);
    await choice.check();
    const aside = requester2.getByRole("complementary", { name: "Policy" });
    await expect(aside).toContainText("It unlocks only tasks your role groups include.");
    await expect(aside).toContainText("Yours include none of these");

    // A member of Exchange Leads: offered too.
    const approver2 = await signIn("approver2");
    await expect(await offered(approver2)).toHaveCount(1);

    // Back to every member: the requester is offered it again.
    await policies.goto();
    await policies.open(TARGET);
    await policies.setWhoMayRequest();
    await policies.setWindow("grants");
    await policies.save("Save changes");
    await expect(admin.getByText("Policy saved")).toBeVisible();
    await expect(await offered(requester)).toHaveCount(1);
  });

  test("a guest is not offered what policies leave to members", async ({ signIn }) => {
    const guest = await signIn("partner");
    await guest.goto("/requests/new");
    await expect(guest.getByText("Nothing you can request")).toBeVisible();
  });
});
