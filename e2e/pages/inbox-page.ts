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
      .filter({ hasText: `${requester} asks for` })
      .filter({ hasText: target });
  }

  async decide(requester: string, target: string, decision: "Approve" | "Deny", comment?: string) {
    const item = this.item(requester, target);
    await expect(item).toBeVisible();
    if (comment !== undefined) await item.getByLabel("Comment").fill(comment);
    await item.getByRole("button", { name: new RegExp(`^${decision} `) }).click();
  }
}
