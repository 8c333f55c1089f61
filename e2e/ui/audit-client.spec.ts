import { randomInt, randomUUID } from "node:crypto";
import type { Browser } from "@playwright/test";
import { expect, orgOf, test } from "../org-fixture";
import { demoPickerUrl, ensurePolicies } from "../helpers";
import { InboxPage } from "../pages/inbox-page";
import { PoliciesPage } from "../pages/policies-page";

// The audit log says from where for what is done in the admin center, as it does for API calls:
// the address the server resolved (through the one trusted proxy the test server is told of) and
// the browser's user agent.
const APPROVED = "New-AcceptedDomain";
const DENIED = "Remove-AcceptedDomain";

test.beforeAll(async ({}, testInfo) => {
  const admin = await orgOf(testInfo).api("admin", "spare");
  await ensurePolicies(
    admin,
    [APPROVED, DENIED].map((target) => ({ type: "task", target, approverGroup: "PAM Approvers", maxDurationHours: 4 })),
  );
  await admin.dispose();
});

/** A browser of its own from an address of its own, signed in through the demo picker. */
async function browserAt(browser: Browser, email: string) {
  const address = `203.0.113.${randomInt(1, 255)}`;
  const userAgent = `Elevate e2e browser ${randomUUID()}`;
  const context = await browser.newContext({ userAgent, extraHTTPHeaders: { "x-forwarded-for": address } });
  const page = await context.newPage();
  await page.goto(demoPickerUrl(email));
  await page.getByRole("button", { name: new RegExp(`^Sign in as ${email.replace(/\./g, "\\.")} `) }).click();
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
  return { page, address, userAgent };
}

test("approvals, denials and policy changes made in the admin center record the address and user agent", async ({ browser, api, org }) => {
  const requester = await api("requester");
  const ask = async (target: string) =>
    (await (await requester.post("requests", { data: { type: "task", target, durationHours: 1, reason: "Audit from where" } })).json()) as { id: string };
  const approved = await ask(APPROVED);
  const denied = await ask(DENIED);

  const approver = await browserAt(browser, org.email("approver1"));
  const inbox = new InboxPage(approver.page);
  await inbox.goto();
  await inbox.decide(org.email("requester"), APPROVED, "Approve", "Go ahead");
  await inbox.decide(org.email("requester"), DENIED, "Deny", "Not this week");

  const admin = await browserAt(browser, org.email("rolemanager"));
  const policies = new PoliciesPage(admin.page);
  await policies.goto();
  await policies.open(APPROVED);
  await policies.field("Maximum duration (hours)").fill("8");
  await policies.save("Save changes");
  await expect(admin.page).toHaveURL("/policies");

  const auditor = await api("auditor");
  const event = async (query: string) => {
    const found = await (await auditor.get(`audit?${query}&limit=1`)).json();
    expect(found.items, query).toHaveLength(1);
    return found.items[0];
  };
  expect(await event(`action=request.approved&targetId=${approved.id}`)).toMatchObject({
    actor: org.email("approver1"),
    ip: approver.address,
    userAgent: approver.userAgent,
  });
  expect(await event(`action=request.denied&targetId=${denied.id}`)).toMatchObject({
    actor: org.email("approver1"),
    ip: approver.address,
    userAgent: approver.userAgent,
  });
  expect(await event(`action=policy.updated&actor=${encodeURIComponent(org.email("rolemanager"))}`)).toMatchObject({
    ip: admin.address,
    userAgent: admin.userAgent,
  });
  await approver.page.context().close();
  await admin.page.context().close();
});
