/**
 * Every screen fits the four widths people open it at (a laptop, a small laptop, a tablet, a
 * phone) with no sideways page scroll, for each kind of demo account: each signs in and opens
 * every screen its roles open, loaded afresh at each width. Long unbroken text (a 1,000-character
 * reason, a long ticket, comment and user agent) wraps instead of widening the page.
 *
 * A failure names the widest element reaching past the window's right edge, so the message says
 * where to look.
 */
import type { Page } from "@playwright/test";
import { type OrgAccount, type SpecOrganisation, expect, orgOf, test } from "../org-fixture";

const WIDTHS = [
  { width: 1280, height: 800 },
  { width: 1024, height: 768 },
  { width: 768, height: 1024 },
  { width: 390, height: 844 },
];

type Role = Extract<OrgAccount, "admin" | "rolemanager" | "auditor" | "approver1" | "requester" | "partner">;
const ADMINS: Role[] = ["admin", "rolemanager"];
const EVERYONE: Role[] = ["admin", "rolemanager", "auditor", "approver1", "requester", "partner"];

/** Each screen and who opens it (lib/auth/roles.ts): admins, approvers (approver1; rolemanager leads Exchange Leads), auditors. */
const SCREENS: { name: string; path: string; who: Role[] }[] = [
  { name: "Dashboard", path: "/", who: EVERYONE },
  { name: "My requests", path: "/requests", who: EVERYONE },
  { name: "Request access", path: "/requests/new", who: EVERYONE },
  { name: "Request access, a target chosen", path: "/requests/new?target=New-JournalRule", who: EVERYONE },
  { name: "Approvals", path: "/inbox", who: ["rolemanager", "approver1"] },
  { name: "Active access", path: "/access", who: ["admin", "rolemanager", "approver1"] },
  { name: "Runspace", path: "/runspace", who: EVERYONE },
  { name: "Runspace, a task chosen", path: "/runspace?task=Remove-JournalRule", who: EVERYONE },
  { name: "Connecting Exchange Online", path: "/runspace/exchange-online", who: EVERYONE },
  { name: "Policies", path: "/policies", who: ADMINS },
  { name: "Policy", path: "policy-detail", who: ADMINS },
  { name: "New policy", path: "/policies/new", who: ADMINS },
  { name: "People", path: "/members", who: ADMINS },
  { name: "Audit", path: "/audit", who: ["admin", "rolemanager", "auditor"] },
  { name: "Settings", path: "/settings", who: ADMINS },
  { name: "Email delivery", path: "/settings/email", who: ADMINS },
  { name: "Scopes", path: "/settings/scopes", who: ADMINS },
  { name: "API tokens", path: "/settings/tokens", who: EVERYONE },
];

/**
 * Null when the page fits; otherwise how wide it is and the widest element reaching past the
 * right edge. Elements a box that scrolls or clips sideways holds are skipped: only that box can
 * widen the page, and it is measured itself. An absolutely positioned element (a screen-reader
 * label, say) is held only by a positioned box: one inside a plain scroller still widens the page.
 */
function overflowOf(page: Page) {
  return page.evaluate(() => {
    const viewport = window.innerWidth;
    const pageWidth = document.documentElement.scrollWidth;
    if (pageWidth <= viewport) return null;
    const insideScroller = (element: Element) => {
      let position = getComputedStyle(element).position;
      for (let parent = element.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
        const style = getComputedStyle(parent);
        const holds = position === "fixed" ? false : position === "absolute" ? style.position !== "static" : true;
        if (!holds) continue;
        if (style.overflowX !== "visible") return true;
        position = style.position;
      }
      return false;
    };
    let widest: { element: Element; rect: DOMRect } | undefined;
    for (const element of document.body.querySelectorAll("*")) {
      const rect = element.getBoundingClientRect();
      if (rect.right <= viewport + 0.5 || insideScroller(element)) continue;
      if (!widest || rect.width > widest.rect.width) widest = { element, rect };
    }
    if (!widest) return `the page is ${pageWidth} px wide in a ${viewport} px window`;
    const { element, rect } = widest;
    const classes = typeof element.className === "string" ? element.className.trim().split(/\s+/).slice(0, 6).join(".") : "";
    const label = element.getAttribute("aria-label") ?? element.getAttribute("data-testid");
    const text = (element.textContent ?? "").replace(/\s+/g, " ").trim().slice(0, 60);
    return (
      `the page is ${pageWidth} px wide in a ${viewport} px window (+${pageWidth - viewport} px); widest element past the edge: ` +
      `<${element.tagName.toLowerCase()}${classes ? `.${classes}` : ""}>${label ? ` [${label}]` : ""} “${text}” ` +
      `${Math.round(rect.width)} px wide, right edge at ${Math.round(rect.right)} px`
    );
  });
}

/** Measured once the page has hydrated and swapped in local times (both can change widths). */
async function expectFits(page: Page, where: string) {
  await expect.soft.poll(() => overflowOf(page), { message: `${where} scrolls sideways`, timeout: 3_000 }).toBeNull();
}

async function visitAtEveryWidth(page: Page, name: string, path: string) {
  for (const size of WIDTHS) {
    await page.setViewportSize(size);
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
    await expectFits(page, `${name} (${path}) at ${size.width} px`);
  }
}

/**
 * One open window, so Active access has rows (and Revoke buttons) to fit. Each worker runs this;
 * the second is refused as a duplicate and waits for the first one's approval.
 */
async function openWindow(org: SpecOrganisation) {
  const requester = await org.api("requester2");
  const approver = await org.api("approver2");
  try {
    const created = await requester.post("requests", {
      data: { type: "role", target: "Transport Rules", durationHours: 2, reason: "Add the outbound disclaimer rule" },
    });
    if (created.status() === 201) {
      const { id } = (await created.json()) as { id: string };
      expect((await approver.post(`requests/${id}/approve`, { data: { comment: "Agreed in the change meeting" } })).status()).toBe(200);
    }
    expect([201, 409], await created.text()).toContain(created.status());
    await expect
      .poll(async () => {
        const mine = (await (await requester.get("requests?mine=true&status=approved")).json()) as { items: { target: string; active: boolean }[] };
        return mine.items.some((r) => r.target === "Transport Rules" && r.active);
      })
      .toBe(true);
  } finally {
    await requester.dispose();
    await approver.dispose();
  }
}

test.describe.configure({ mode: "parallel" });

test.beforeAll(async ({}, testInfo) => {
  await openWindow(orgOf(testInfo));
});

for (const role of EVERYONE) {
  test(`every screen ${role} opens fits at 1280, 1024, 768 and 390 px`, async ({ signIn }) => {
    test.setTimeout(180_000);
    const page = await signIn(role);
    for (const screen of SCREENS.filter((s) => s.who.includes(role))) {
      let path = screen.path;
      if (path === "policy-detail") {
        await page.goto("/policies");
        path = (await page.getByRole("table").getByRole("link").first().getAttribute("href"))!;
        expect(path).toMatch(/^\/policies\/[^/]+$/);
      }
      await visitAtEveryWidth(page, screen.name, path);
    }
  });
}

test("the signed-out screens fit at 1280, 1024, 768 and 390 px", async ({ page, org }) => {
  for (const [name, path] of [
    ["Sign-in", "/signin"],
    ["Sign-in with the demo picker", `/signin?org=${org.slug}`],
    ["Dev mailbox", "/dev/mailbox"],
  ]) {
    await visitAtEveryWidth(page, name!, path!);
  }
});

test("a 1,000-character reason without spaces wraps in the inbox, my requests, active access and the audit log", async ({ api, signIn }) => {
  test.setTimeout(120_000);
  const unbroken = (length: number) => "Journal".concat("x".repeat(length)).slice(0, length);
  const requester = await api("requester");
  const created = await requester.post("requests", {
    data: { type: "task", target: "New-JournalRule", durationHours: 1, reason: unbroken(1000), ticket: unbroken(100) },
    headers: { "user-agent": `LongAgent/${"9".repeat(400)}` },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = (await created.json()) as { id: string };

  const approverPage = await signIn("approver1");
  await visitAtEveryWidth(approverPage, "Approvals with a 1,000-character reason", "/inbox");
  const requesterPage = await signIn("requester");
  await visitAtEveryWidth(requesterPage, "My requests with a 1,000-character reason", "/requests");

  const approver = await api("approver1");
  const approved = await approver.post(`requests/${id}/approve`, { data: { comment: unbroken(1000) } });
  expect(approved.status(), await approved.text()).toBe(200);
  await visitAtEveryWidth(requesterPage, "My requests with a 1,000-character comment", "/requests");
  await visitAtEveryWidth(approverPage, "Active access with a 1,000-character reason", "/access");
  await visitAtEveryWidth(requesterPage, "Dashboard with a 1,000-character reason", "/");

  // The audit log, with the request's event opened: its reason, id and user agent in full.
  const admin = await signIn("admin");
  for (const size of WIDTHS) {
    await admin.setViewportSize(size);
    await admin.goto(`/audit?targetId=${id}&action=request.created`);
    await admin.getByRole("button", { name: /^Details/ }).first().click();
    await expect(admin.getByText("LongAgent/")).toBeVisible();
    await expectFits(admin, `Audit with the request's details open at ${size.width} px`);
  }
});
