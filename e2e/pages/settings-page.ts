import { type Page, expect } from "@playwright/test";

/** Settings (admins) and Settings → API tokens (every member), by role and label. */
export class SettingsPage {
  constructor(readonly page: Page) {}

  async goto() {
    await this.page.goto("/settings");
    await expect(this.page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
  }

  async gotoTokens() {
    await this.page.goto("/settings/tokens");
    await expect(this.page.getByRole("heading", { name: "API tokens", level: 1 })).toBeVisible();
  }

  readonly field = (label: string) => this.page.getByLabel(label, { exact: true });
  readonly toast = (text: string | RegExp) => this.page.locator("[data-toast]").filter({ hasText: text });

  async saveLimits(values: Partial<Record<"Policy limit" | "Ending-soon notice (minutes)" | "Default pending lifetime (hours)", string>>) {
    for (const [label, value] of Object.entries(values)) await this.field(label).fill(value);
    await this.page.getByRole("button", { name: "Save limits" }).click();
  }

  readonly group = (name: string) => this.page.getByRole("listitem", { name, exact: true });

  /** Fills and submits the new-group form. */
  async createGroup(name: string, members: string[]) {
    await this.page.getByRole("button", { name: "New approver group" }).click();
    const form = this.page.getByRole("form", { name: "New approver group" });
    await form.getByLabel("Group name").fill(name);
    for (const email of members) await form.getByRole("checkbox", { name: new RegExp(email.replace(/[.]/g, "\\.")) }).check();
    await form.getByRole("button", { name: "Create group" }).click();
  }

  /** Opens a group's editor and ticks more members. */
  async addGroupMembers(name: string, members: string[]) {
    await this.group(name).getByRole("button", { name: `Edit ${name}` }).click();
    const form = this.page.getByRole("form", { name: `Edit ${name}` });
    for (const email of members) await form.getByRole("checkbox", { name: new RegExp(email.replace(/[.]/g, "\\.")) }).check();
    await form.getByRole("button", { name: "Save group" }).click();
  }

  readonly tokenRow = (name: string) => this.page.getByRole("row").filter({ has: this.page.getByRole("rowheader", { name, exact: true }) });
  readonly newToken = () => this.page.getByLabel(/^New token/);

  async createToken(name: string, days = "7") {
    await this.field("Token name").fill(name);
    await this.field("Expires in (days)").fill(days);
    await this.page.getByRole("button", { name: "Create token" }).click();
  }

  async revokeToken(name: string) {
    await this.tokenRow(name).getByRole("button", { name: /^Revoke/ }).click();
    // Only the open dialog is exposed; it asks about this token.
    const dialog = this.page.getByRole("dialog");
    await expect(dialog).toContainText(`Revoke “${name}”?`);
    await dialog.getByRole("button", { name: "Revoke token" }).click();
  }
}
