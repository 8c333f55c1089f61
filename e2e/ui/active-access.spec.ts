import { randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { type SpecOrganisation, expect, test } from "../org-fixture";
import { ActiveAccessPage } from "../pages/active-access-page";

// This spec's window: its organisation's requester2 on the "Transport Rules" role (approver group
// Exchange Leads: approver2), set up through the JSON API with the accounts' tokens.

interface RequestJson {
  id: string;
  target: string;
  status: string;
  active: boolean;
  endsAt: string | null;
}

/** requester2's Transport Rules window, approved by approver2; any left open by an earlier run is closed first. */
async function grantTransportRules(org: SpecOrganisation, reason: string) {
  const requester = await org.api("requester2");
  const approver = await org.api("approver2");
  try {
    const mine = (await (await requester.get("requests?mine=true&limit=500")).json()) as { items: RequestJson[] };
    for (const open of mine.items.filter((r) => r.target === "Transport Rules")) {
      if (open.status === "pending") await requester.post(`requests/${open.id}/cancel`, { data: {} });
      if (open.status === "approved" && open.endsAt && new Date(open.endsAt) > new Date()) {
        await approver.post(`requests/${open.id}/revoke`, { data: { comment: "e2e: clean up an earlier run" } });
      }
    }
    const created = await requester.post("requests", { data: { type: "role", target: "Transport Rules", reason, durationHours: 1 } });
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

test("approvers see the open windows, or that there are none", async ({ page, signInPage, org }) => {
  await signInPage.goto("/access", org.slug);
  await signInPage.signInAs(org.email("approver2"));
  const access = new ActiveAccessPage(page);
  await access.goto();
  await expect(access.table().or(access.emptyState())).toBeVisible();
});

test("a requestor is refused the screen", async ({ page, signInPage, org }) => {
  await signInPage.goto("/access", org.slug);
  await signInPage.signInAs(org.email("requester"));
  await page.goto("/access");
  await expect(page.getByRole("heading", { name: "You don't have access to Active access" })).toBeVisible();
});

test("an approver revokes an open window with a comment, and it leaves the list", async ({ page, signInPage, org }) => {
  const reason = `E2E active access ${randomUUID().slice(0, 8)}`;
  await grantTransportRules(org, reason);

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
