import { randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { type SpecOrganisation, expect, test } from "../org-fixture";
import { ActiveAccessPage } from "../pages/active-access-page";

// Each test's own window, set up through the JSON API with the accounts' tokens: requester2 on the
// "Transport Rules" role (approver group Exchange Leads: approver2) for the revocation, requester on
// New-JournalRule (PAM Approvers) for the list. Tests of one spec run in parallel, so none counts on
// another's window being there or not.

interface RequestJson {
  id: string;
  target: string;
  status: string;
  active: boolean;
  endsAt: string | null;
}

interface Window {
  requester: "requester" | "requester2";
  approver: "approver1" | "approver2";
  type: "task" | "role";
  target: string;
}
const transportRules: Window = { requester: "requester2", approver: "approver2", type: "role", target: "Transport Rules" };
const journaling: Window = { requester: "requester", approver: "approver1", type: "task", target: "New-JournalRule" };

/** An approved one-hour window; any left open on the same target by an earlier run is closed first. */
async function grantWindow(org: SpecOrganisation, window: Window, reason: string) {
  const requester = await org.api(window.requester);
  const approver = await org.api(window.approver);
  try {
    const mine = (await (await requester.get("requests?mine=true&limit=500")).json()) as { items: RequestJson[] };
    for (const open of mine.items.filter((r) => r.target === window.target)) {
      if (open.status === "pending") await requester.post(`requests/${open.id}/cancel`, { data: {} });
      if (open.status === "approved" && open.endsAt && new Date(open.endsAt) > new Date()) {
        await approver.post(`requests/${open.id}/revoke`, { data: { comment: "e2e: clean up an earlier run" } });
      }
    }
    const created = await requester.post("requests", { data: { type: window.type, target: window.target, reason, durationHours: 1 } });
    expect(created.status(), await created.text()).toBe(201);
    const { id } = (await created.json()) as RequestJson;
    const approved = await approver.post(`requests/${id}/approve`, { data: { comment: "e2e" } });
    expect(((await approved.json()) as RequestJson).status).toBe("approved");
    return id;
  } finally {
    await requester.dispose();
    await approver.dispose();
  }
}

test("an approver sees each open window their groups decide: who holds what", async ({ page, signInPage, org }) => {
  const reason = `E2E open window ${randomUUID().slice(0, 8)}`;
  await grantWindow(org, journaling, reason);
  await signInPage.goto("/access", org.slug);
  await signInPage.signInAs(org.email("approver2")); // PAM Approvers, which decides New-JournalRule
  const access = new ActiveAccessPage(page);
  await access.goto();
  const row = access.row(reason);
  await expect(row).toHaveCount(1);
  await expect(row.getByRole("rowheader")).toHaveText(org.email("requester"));
  await expect(row).toContainText("New-JournalRule");
  await expect(access.emptyState()).toHaveCount(0);
});

test("an approver whose groups decide no open window is told there is none", async ({ page, signInPage, org }) => {
  // A group of the auditor's alone, which no policy names: nothing it decides can be open.
  const admin = await org.api("admin");
  const group = await admin.post("approver-groups", { data: { name: `Quiet ${randomUUID().slice(0, 8)}`, members: [org.email("auditor")] } });
  expect(group.status(), await group.text()).toBe(201);
  await admin.dispose();
  await signInPage.goto("/access", org.slug);
  await signInPage.signInAs(org.email("auditor"));
  const access = new ActiveAccessPage(page);
  await access.goto();
  await expect(access.emptyState()).toBeVisible();
  await expect(access.table()).toHaveCount(0);
});

test("a requestor is refused the screen", async ({ page, signInPage, org }) => {
  await signInPage.goto("/access", org.slug);
  await signInPage.signInAs(org.email("requester"));
  await page.goto("/access");
  await expect(page.getByRole("heading", { name: "You don't have access to Active access" })).toBeVisible();
});

test("an approver revokes an open window with a comment, and it leaves the list", async ({ page, signInPage, org }) => {
  const reason = `E2E active access ${randomUUID().slice(0, 8)}`;
  await grantWindow(org, transportRules, reason);

  await signInPage.goto("/access", org.slug);
  await signInPage.signInAs(org.email("approver2"));
  const access = new ActiveAccessPage(page);
  await access.goto();

  const row = access.row(reason);
  await expect(row).toHaveCount(1);
  await expect(row.getByRole("rowheader")).toHaveText(org.email("requester2"));
  await expect(row).toContainText("Transport Rules");
  await expect(row).toContainText(org.email("approver2"));
  await expect(row).toContainText(/ends in \d+ (h|min)/);
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);

  await access.openRevoke(row);
  await access.confirmRevoke();
  await expect(access.comment()).toHaveAttribute("aria-invalid", "true");
  await expect(access.comment()).toHaveAccessibleDescription(/A comment is required/);
  await expect(access.dialog()).toBeVisible();

  await access.comment().fill("E2E: the change is done, closing early.");
  await access.confirmRevoke();
  await expect(page.getByText(`Revoked ${org.email("requester2")}'s access to Transport Rules`)).toBeVisible();
  await expect(access.dialog()).toBeHidden();
  await expect(access.row(reason)).toHaveCount(0);
});
