import { randomUUID } from "node:crypto";
import type { APIRequestContext, Page } from "@playwright/test";
import { ensurePolicies, expectNoSeriousViolations, signedIn } from "../helpers";
import { type SpecOrganisation, expect, orgOf, test } from "../org-fixture";
import { ActiveAccessPage } from "../pages/active-access-page";
import { InboxPage } from "../pages/inbox-page";

// Extensions as part of the grant they lengthen, and early release, through the screens. Each test
// owns one target of this spec's organisation (manual policies, PAM Approvers: approver1, approver2).
const EXTENDED = "New-MailboxSearch";
const REVOKED = "Remove-AcceptedDomain";

interface RequestJson {
  id: string;
  status: string;
  active: boolean;
  startsAt: string | null;
  endsAt: string | null;
  extendsRequestId: string | null;
}

test.beforeAll(async ({}, testInfo) => {
  const admin = await orgOf(testInfo).api("admin", "spare");
  await ensurePolicies(
    admin,
    [EXTENDED, REVOKED].map((target) => ({ type: "task", target, approverGroup: "PAM Approvers", maxDurationHours: 4 })),
  );
  await admin.dispose();
});

/** requester's open window on `target` (2 h, approved by approver1), through the API; any earlier run's is closed first. */
async function openWindow(org: SpecOrganisation, api: (account: "requester" | "approver1") => Promise<APIRequestContext>, target: string, reason: string) {
  const requester = await api("requester");
  const approver = await api("approver1");
  const mine = (await (await requester.get("requests?mine=true&limit=500")).json()) as { items: (RequestJson & { target: string })[] };
  for (const open of mine.items.filter((r) => r.target === target)) {
    if (open.status === "pending") await requester.post(`requests/${open.id}/cancel`, { data: {} });
    if (open.status === "approved" && open.active) await requester.post(`requests/${open.id}/release`, { data: {} });
  }
  const created = await requester.post("requests", { data: { type: "task", target, reason, durationHours: 2 } });
  expect(created.status(), await created.text()).toBe(201);
  const approved = await approver.post(`requests/${((await created.json()) as RequestJson).id}/approve`, { data: {} });
  const window = (await approved.json()) as RequestJson;
  expect(window).toMatchObject({ status: "approved", active: true });
  expect(org.email("requester")).toContain(org.slug);
  return window;
}

/** The requester's cards for a target: the top-level items of My requests (an extension's line is nested inside its card). */
const cards = (page: Page, target: string) =>
  page.getByRole("list", { name: "My requests" }).locator(":scope > li").filter({ hasText: target });

async function extendOnScreen(page: Page, target: string, hours: number, reason: string) {
  await page.goto("/requests");
  await cards(page, target).getByRole("button", { name: `Extend access to ${target}` }).click();
  const dialog = page.getByRole("dialog", { name: `Extend access to ${target}` });
  await dialog.getByLabel("More hours").fill(String(hours));
  await dialog.getByLabel("Reason").fill(reason);
  await dialog.getByRole("button", { name: "Ask to extend" }).click();
  await expect(dialog).toBeHidden();
}

test("an extension is shown as one: the approver sees what it extends, the requester one card, Active access one entry, and release ends it all", async ({
  browser,
  org,
  api,
}) => {
  test.slow(); // four people in four browsers, each step waiting for the last
  const reason = `E2E extension ${randomUUID().slice(0, 8)}`;
  const window = await openWindow(org, api, EXTENDED, reason);

  // The requester asks for one more hour, on their card.
  const requesterPage = await signedIn(browser, org.email("requester"));
  await extendOnScreen(requesterPage, EXTENDED, 1, "The retention tags need another hour");
  await expect(cards(requesterPage, EXTENDED)).toHaveCount(1);
  const extensionLine = cards(requesterPage, EXTENDED).getByRole("listitem", { name: "Extension of 1 h" });
  await expect(extensionLine).toContainText("Pending");

  // The approver sees an extension of a named window, not a new request.
  const inbox = new InboxPage(await signedIn(browser, org.email("approver1")));
  await inbox.goto();
  const item = inbox.item(org.email("requester"), EXTENDED);
  await expect(item).toContainText("Extension");
  await expect(item).toContainText("Extends their window");
  await expect(item.locator(`[data-ends-at="${window.endsAt}"]`)).toBeVisible();
  await expectNoSeriousViolations(inbox.page);
  await inbox.decide(org.email("requester"), EXTENDED, "Approve");

  const mine = (await (await (await api("requester")).get("requests?mine=true&limit=500")).json()) as { items: RequestJson[] };
  const extension = mine.items.find((r) => r.extendsRequestId === window.id)!;
  expect(extension).toMatchObject({ status: "approved", active: false, startsAt: window.endsAt });

  // One card, its extension inside it, scheduled to follow the window.
  await requesterPage.goto("/requests");
  await expect(cards(requesterPage, EXTENDED)).toHaveCount(1);
  await expect(extensionLine).toContainText("starts when this window ends");
  await expect(extensionLine.locator(`time[datetime="${extension.endsAt}"]`)).toBeVisible();

  // Active access: one entry for the grant, the extension inside it; Revoke names both windows.
  const access = new ActiveAccessPage(inbox.page);
  await access.goto();
  const row = access.row(reason);
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("starts when this window ends");
  await expectNoSeriousViolations(access.page);
  await row.getByRole("button", { name: `Revoke ${org.email("requester")}'s access to ${EXTENDED}` }).click();
  await expect(access.dialog()).toBeVisible();
  const ending = access.dialog().getByTestId("ending-windows");
  await expect(ending).toContainText(/^Ends the window .+ and its extension to .+\.$/);
  await expect(ending.locator(`[data-starts-at="${window.startsAt}"][data-ends-at="${window.endsAt}"]`)).toBeVisible();
  await expect(ending.locator(`time[datetime="${extension.endsAt}"]`)).toBeVisible();
  await access.dialog().getByRole("button", { name: "Cancel" }).click();
  await expect(access.dialog()).toBeHidden();

  // The requester is done early: Release now names what it ends, and the access is over.
  await requesterPage.goto("/requests");
  await cards(requesterPage, EXTENDED).getByRole("button", { name: `Release your access to ${EXTENDED} now` }).click();
  const release = requesterPage.getByRole("dialog", { name: `Release your access to ${EXTENDED} now?` });
  await expect(release.getByTestId("ending-windows")).toContainText(/^Ends the window .+ and its extension to .+\.$/);
  await expectNoSeriousViolations(requesterPage);
  await release.getByLabel("Note for the approvers (optional)").fill("Tags applied, done.");
  await release.getByRole("button", { name: "Release now" }).click();
  await expect(release).toBeHidden();
  await expect(requesterPage.getByText("Access released: it has ended")).toBeVisible();
  await expect(cards(requesterPage, EXTENDED)).toContainText("Released early");
  await expect(cards(requesterPage, EXTENDED).getByRole("button", { name: /^Release your access/ })).toHaveCount(0);

  const requester = await api("requester");
  expect(await (await requester.post("access/check", { data: { task: EXTENDED } })).json()).toMatchObject({ allowed: false });
  expect(await (await requester.get(`requests/${extension.id}`)).json()).toMatchObject({ status: "approved", active: false, releasedAt: expect.any(String) });
  await access.goto();
  await expect(access.row(reason)).toHaveCount(0);
});

test("revoking an extended grant from Active access ends the window and its extension, not one of them", async ({ browser, org, api }) => {
  const reason = `E2E revoke extended ${randomUUID().slice(0, 8)}`;
  const window = await openWindow(org, api, REVOKED, reason);
  const requester = await api("requester");
  const asked = await requester.post(`requests/${window.id}/extend`, { data: { durationHours: 1, reason: "One more hour" } });
  const extension = (await asked.json()) as RequestJson;
  await (await api("approver1")).post(`requests/${extension.id}/approve`, { data: {} });

  const access = new ActiveAccessPage(await signedIn(browser, org.email("approver2")));
  await access.goto();
  const row = access.row(reason);
  await expect(row).toHaveCount(1);
  await row.getByRole("button", { name: `Revoke ${org.email("requester")}'s access to ${REVOKED}` }).click();
  await access.comment().fill("E2E: the change is cancelled.");
  await access.confirmRevoke();
  await expect(access.dialog()).toBeHidden();
  await expect(access.row(reason)).toHaveCount(0);

  for (const id of [window.id, extension.id]) {
    expect(await (await requester.get(`requests/${id}`)).json()).toMatchObject({ status: "revoked", active: false });
  }
  expect(await (await requester.post("access/check", { data: { task: REVOKED } })).json()).toMatchObject({ allowed: false });
});
