import { type Page, expect } from "@playwright/test";

/** My requests and the request form. */
export class RequestsPage {
  constructor(readonly page: Page) {}

  async ask({ target, hours, reason, ticket }: { target: string; hours?: number; reason?: string; ticket?: string }) {
    await this.page.goto("/requests/new");
    await this.page.getByLabel("Search tasks, roles and role groups").fill(target);
    await this.page.getByRole("radio", { name: new RegExp(`^${target} `) }).check();
    if (hours !== undefined) await this.page.getByLabel("Duration (hours)").fill(String(hours));
    if (reason !== undefined) await this.page.getByLabel(/^Reason/).fill(reason);
    if (ticket !== undefined) await this.page.getByLabel(/^Ticket/).fill(ticket);
    await this.page.getByRole("button", { name: "Request access" }).click();
  }

  request(target: string) {
    return this.page.getByRole("list", { name: "My requests" }).getByRole("listitem").filter({ hasText: target }).first();
  }

  async expectStatus(target: string, status: RegExp | string) {
    await this.page.goto("/requests");
    await expect(this.request(target)).toContainText(status);
  }
}
