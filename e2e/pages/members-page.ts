import { type Page, expect } from "@playwright/test";

/** People (/members): the members table, the add form, each member's edit form and the CSV import. */
export class MembersPage {
  constructor(readonly page: Page) {}

  async goto() {
    await this.page.goto("/members");
    await expect(this.heading()).toBeVisible();
  }

  readonly heading = () => this.page.getByRole("heading", { name: "People", level: 1 });
  readonly table = () => this.page.getByRole("region", { name: "Members" });
  /** A member's row, by their email. */
  readonly row = (email: string) => this.table().getByRole("row", { name: email, exact: true });
  readonly toast = (text: string | RegExp) => this.page.locator("[data-toast]").filter({ hasText: text });

  async addMember({ email, name, roles = [], roleGroups = [], guest = false }: { email: string; name?: string; roles?: string[]; roleGroups?: string[]; guest?: boolean }) {
    const form = this.page.getByRole("form", { name: "Add member" });
    if (!(await form.isVisible())) await this.page.getByRole("button", { name: "Add member" }).click();
    await form.getByLabel("Email").fill(email);
    if (name) await form.getByLabel("Name (optional)").fill(name);
    for (const role of roles) await form.getByRole("checkbox", { name: role, exact: true }).check();
    for (const group of roleGroups) await form.getByRole("checkbox", { name: new RegExp(`^${group}`) }).check();
    if (guest) await form.getByRole("checkbox", { name: "Guest" }).check();
    await form.getByRole("button", { name: "Add and invite" }).click();
  }

  /** Opens a member's edit panel (their form, and Disable and Remove), unless it is open already. */
  async edit(email: string) {
    const button = this.row(email).getByRole("button", { name: `Edit ${email}` });
    if ((await button.getAttribute("aria-expanded")) !== "true") await button.click();
    return this.page.getByRole("form", { name: `Edit ${email}` });
  }

  async disable(email: string) {
    await this.edit(email);
    await this.page.getByRole("button", { name: `Disable ${email}` }).click();
    const dialog = this.page.getByRole("dialog", { name: `Disable ${email}?` });
    await dialog.getByRole("button", { name: "Disable member" }).click();
  }

  async remove(email: string) {
    await this.edit(email);
    await this.page.getByRole("button", { name: `Remove ${email}` }).click();
    const dialog = this.page.getByRole("dialog", { name: `Remove ${email}?` });
    await expect(dialog).toContainText("pending requests (cancelled)");
    await dialog.getByRole("button", { name: "Remove member" }).click();
  }

  /** Opens Import CSV, pastes the text and previews it. */
  async previewImport(csv: string) {
    if (!(await this.csvField().isVisible())) await this.page.getByRole("button", { name: "Import CSV" }).click();
    await this.csvField().fill(csv);
    await this.page.getByRole("button", { name: "Preview" }).click();
  }

  readonly csvField = () => this.page.getByLabel("CSV", { exact: true });
  readonly preview = () => this.page.getByRole("region", { name: "Import preview" });
  readonly previewRow = (row: number) => this.preview().getByRole("row", { name: `Row ${row}`, exact: true });
  readonly importButton = () => this.page.getByRole("button", { name: /^Import \d+ members?$/ });
}
