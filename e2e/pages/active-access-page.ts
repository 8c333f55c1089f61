import { type Locator, type Page, expect } from "@playwright/test";

export class ActiveAccessPage {
  constructor(readonly page: Page) {}

  async goto() {
    await this.page.goto("/access");
    await expect(this.page.getByRole("heading", { name: "Active access", level: 1 })).toBeVisible();
  }

  readonly table = () => this.page.getByRole("table", { name: "Open access windows" });
  readonly emptyState = () => this.page.getByText("No one holds privileged access right now");
  /** The table row of a window, found by any text of it (a unique reason, say). */
  readonly row = (text: string) => this.table().getByRole("row").filter({ hasText: text });

  readonly dialog = () => this.page.getByRole("dialog", { name: "Revoke access" });
  readonly comment = () => this.dialog().getByLabel("Comment (required)");

  async openRevoke(row: Locator) {
    await row.getByRole("button", { name: /^Revoke / }).click();
    await expect(this.dialog()).toBeVisible();
  }

  async confirmRevoke() {
    await this.dialog().getByRole("button", { name: "Revoke access", exact: true }).click();
  }
}
