import { type Page, expect } from "@playwright/test";

export class SignInPage {
  constructor(readonly page: Page) {}

  /** The sign-in page; with `org` (a slug), its demo picker offers that organisation's accounts, not Contoso's. */
  async goto(callbackUrl?: string, org?: string) {
    const query = new URLSearchParams();
    if (callbackUrl) query.set("callbackUrl", callbackUrl);
    if (org) query.set("org", org);
    await this.page.goto(query.toString() ? `/signin?${query}` : "/signin");
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
