import { type Page, expect } from "@playwright/test";

export class SignInPage {
  constructor(readonly page: Page) {}

  async goto(callbackUrl?: string) {
    await this.page.goto(callbackUrl ? `/signin?callbackUrl=${encodeURIComponent(callbackUrl)}` : "/signin");
  }

  /** The demo picker: one click per account. */
  async signInAs(email: string) {
    await this.page.getByRole("button", { name: new RegExp(`^Sign in as ${email.replace(/[.]/g, "\\.")} `) }).click();
    await expect(this.page.getByTestId("signed-in-as")).toBeVisible();
  }

  async askForLink(email: string) {
    await this.page.getByLabel("Work email").fill(email);
    await this.page.getByRole("button", { name: "Email me a sign-in link" }).click();
  }
}
