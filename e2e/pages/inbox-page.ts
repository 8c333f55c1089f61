import { type Page, expect } from "@playwright/test";

export class InboxPage {
  constructor(readonly page: Page) {}

  async goto() {
    await this.page.goto("/inbox");
  }

  item(requester: string, target: string) {
    return this.page
      .getByRole("list", { name: "Pending requests" })
      .getByRole("listitem")
      // The card reads "Name (email) asks for …", or "email asks for …" for a person with no name.
      .filter({ hasText: new RegExp(`${requester.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\)? asks for`) })
      .filter({ hasText: target });
  }

  async decide(requester: string, target: string, decision: "Approve" | "Deny", comment?: string) {
    const item = this.item(requester, target);
    await expect(item).toBeVisible();
    if (comment !== undefined) await item.getByLabel("Comment").fill(comment);
    // Wait for the server action's answer: the next step may look from another browser.
    const answered = this.page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/inbox");
    await item.getByRole("button", { name: new RegExp(`^${decision} `) }).click();
    await answered;
  }
}
