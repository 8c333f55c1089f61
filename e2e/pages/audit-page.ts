import { type Download, type Page, expect } from "@playwright/test";

/** The audit view: filters, the event table, chain verification and export, by role and label. */
export class AuditPage {
  constructor(readonly page: Page) {}

  async goto(query = "") {
    await this.page.goto(`/audit${query}`);
    await expect(this.page.getByRole("heading", { name: "Audit", level: 1 })).toBeVisible();
  }

  readonly filters = () => this.page.getByRole("form", { name: "Filter audit events" });
  readonly table = () => this.page.getByRole("table", { name: "Audit events, newest first" });
  /** The summary row of each event (not the details rows under them). */
  readonly events = () => this.table().getByTestId("audit-event");
  readonly status = () => this.page.getByRole("status").filter({ hasText: /^Showing \d+ events?/ });

  async filterByAction(action: string) {
    await this.filters().getByLabel("Action").selectOption(action);
    await this.filters().getByRole("button", { name: "Apply filters" }).click();
    await expect(this.page).toHaveURL(new RegExp(`[?&]action=${action.replace(/[.]/g, "\\.")}`));
  }

  /** Opens the details of the nth event and returns the panel that shows them. */
  async openDetails(index = 0) {
    const button = this.events().nth(index).getByRole("button", { name: /^Details/ });
    await button.click();
    await expect(this.events().nth(index).getByRole("button", { name: /^Hide/ })).toHaveAttribute("aria-expanded", "true");
    const panelId = await this.events().nth(index).getByRole("button", { name: /^Hide/ }).getAttribute("aria-controls");
    return this.page.locator(`[id="${panelId}"]`);
  }

  async loadMore() {
    await this.page.getByRole("button", { name: "Load more" }).click();
  }

  readonly integrity = () => this.page.getByRole("region", { name: "Chain integrity" });

  async verifyChain() {
    await this.integrity().getByRole("button", { name: "Verify chain" }).click();
  }

  readonly exportLink = (format: "CSV" | "JSON") => this.page.getByRole("link", { name: new RegExp(`^Export ${format}`) });

  async export(format: "CSV" | "JSON"): Promise<Download> {
    const download = this.page.waitForEvent("download");
    await this.exportLink(format).click();
    return download;
  }
}
