import type { Page } from "@playwright/test";

export class DashboardPage {
  constructor(readonly page: Page) {}

  readonly email = () => this.page.getByTestId("identity-email");
  readonly organisation = () => this.page.getByTestId("identity-organisation");
  readonly roles = () => this.page.getByTestId("identity-roles");

  async signOut() {
    await this.page.getByRole("button", { name: "Sign out" }).click();
    await this.page.waitForURL(/\/signin/);
  }
}
