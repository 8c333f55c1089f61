import { readFile } from "node:fs/promises";
import { expect, test } from "../org-fixture";
import { expectNoSeriousViolations } from "../helpers";
import { AuditPage } from "../pages/audit-page";

const CSV_HEADER = "id,seq,at,actor,actorType,action,targetType,targetId,details,ip,userAgent,prevHash,hash";

// Read-only: the audit log only grows, so these hold whatever the other tests here write meanwhile.
test.describe("Audit", () => {
  test.beforeEach(async ({ signInPage, org }) => {
    await signInPage.goto(undefined, org.slug);
    await signInPage.signInAs(org.email("auditor"));
  });

  test("an auditor filters by action and opens an event's details", async ({ page }) => {
    const audit = new AuditPage(page);
    await audit.goto();
    await audit.filterByAction("request.denied");
    // The filter lives in the URL and in the export links, so the view can be shared and exported.
    await expect(audit.filters().getByLabel("Action")).toHaveValue("request.denied");
    await expect(audit.exportLink("CSV")).toHaveAttribute("href", /[?&]action=request\.denied/);
    await expect(audit.events().first()).toBeVisible();
    await expect(audit.events().filter({ hasNotText: "request.denied" })).toHaveCount(0);

    const details = await audit.openDetails(0);
    await expect(details).toBeVisible();
    for (const label of ["Event ID", "IP address", "User agent", "Hash", "Previous hash"]) {
      await expect(details.getByText(label, { exact: true })).toBeVisible();
    }
    await expect(details.getByRole("region", { name: "Details as JSON" })).toContainText("{");
    await expect(details).toContainText(/[0-9a-f]{64}/);

    // A shared link opens the same view.
    await page.goto(page.url());
    await expect(audit.events().filter({ hasNotText: "request.denied" })).toHaveCount(0);
    await expectNoSeriousViolations(page);
  });

  test("load more appends the next page of events", async ({ page }) => {
    const audit = new AuditPage(page);
    await audit.goto("?limit=10");
    await expect(audit.events()).toHaveCount(10);
    const firstPage = await audit.events().allInnerTexts();
    await audit.loadMore();
    await expect(audit.events()).toHaveCount(20);
    await expect(audit.status()).toHaveText(/^Showing 20 events/);
    // The first page stays as it was: the next page is appended by keyset, not re-fetched.
    expect((await audit.events().allInnerTexts()).slice(0, 10)).toEqual(firstPage);
  });

  test("verify chain says the chain is intact", async ({ page }) => {
    const audit = new AuditPage(page);
    await audit.goto();
    await audit.verifyChain();
    await expect(audit.integrity().getByRole("status")).toContainText("Chain intact");
    await expect(audit.integrity().getByRole("status")).toContainText(/all \d+ events match/);
  });

  test("export CSV downloads the log with its header first", async ({ page }) => {
    const audit = new AuditPage(page);
    await audit.goto("?action=policy.created");
    const download = await audit.export("CSV");
    expect(download.suggestedFilename()).toMatch(/^elevate-audit-.*\.csv$/);
    const lines = (await readFile((await download.path())!, "utf8")).trim().split("\n");
    expect(lines[0]).toBe(CSV_HEADER);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.slice(1).every((line) => line.includes(",policy.created,"))).toBe(true);
  });

  test("an export with a bad filter answers 400 with the field, not a file that breaks", async ({ page }) => {
    for (const [query, field] of [
      ["since=yesterday", "since"],
      ["until=2026-13-45T00:00", "until"],
      [`q=${"x".repeat(201)}`, "q"],
      ["format=xml", "format"],
    ]) {
      const response = await page.request.get(`/audit/export?${query}`);
      expect(response.status(), query).toBe(400);
      const body = await response.json();
      expect(body.error.code).toBe("invalid:input");
      expect(Object.keys(body.error.fields)).toContain(field);
    }
  });

  test("a requestor is refused the audit view and its export", async ({ page, signInPage, dashboard, org }) => {
    await dashboard.signOut();
    await signInPage.goto(undefined, org.slug);
    await signInPage.signInAs(org.email("requester"));
    expect((await page.goto("/audit"))?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "You don't have access to Audit" })).toBeVisible();
    await expect(page.getByText("Audit is open to Auditors, Role Management and Global Administrators.")).toBeVisible();
    const response = await page.request.get("/audit/export?format=csv");
    expect(response.status()).toBe(403);
    expect((await response.json()).error.code).toBe("forbidden:read-audit");
  });
});
