/**
 * A real organisation from an empty database, as its first administrator would meet it: no seed,
 * no demo, sign-in by emailed link. The administrator follows the setup checklist (people, an
 * approver group, a policy), a member asks for access, an approver approves, and the member runs
 * the task.
 */
import { expect, test } from "@playwright/test";
import { signInByEmail } from "./production-helpers";
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
