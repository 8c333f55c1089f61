import { type Page, expect } from "@playwright/test";

/** The Policies list and editor, by role and label. */
export class PoliciesPage {
  constructor(readonly page: Page) {}

  async goto() {
    await this.page.goto("/policies");
    await expect(this.page.getByRole("heading", { name: "Policies", level: 1 })).toBeVisible();
  }

  /** "12 of 30" from the header: the count and the organisation's limit. */
  async usage() {
    const text = await this.page.getByTestId("policy-usage").innerText();
    const match = /(\d+) of (\d+)/.exec(text);
    expect(match, `usage text "${text}"`).not.toBeNull();
    return { count: Number(match![1]), limit: Number(match![2]) };
  }

  readonly table = () => this.page.getByRole("table", { name: "Privileged access policies" });
  readonly link = (target: string) => this.table().getByRole("link", { name: target, exact: true });
  readonly row = (target: string) =>
    this.table().getByRole("row").filter({ has: this.page.getByRole("link", { name: target, exact: true }) });
  readonly rowCount = () => this.table().locator("tbody tr").count();

  async search(text: string) {
    await this.page.getByRole("searchbox", { name: "Search" }).fill(text);
  }

  async openNew() {
    await this.page.getByRole("link", { name: "New policy" }).click();
    await expect(this.page.getByRole("heading", { name: "New policy", level: 1 })).toBeVisible();
  }

  async open(target: string) {
    await this.link(target).click();
    await expect(this.page.getByRole("heading", { name: `Policy for ${target}`, level: 1 })).toBeVisible();
  }

  /** In the editor: the type, then a name found through the catalog search. */
  async pickTarget(type: "Task" | "Role" | "Role group", name: string, search = name) {
    await this.page.getByRole("radio", { name: type, exact: true }).check();
    const plural = { Task: "tasks", Role: "roles", "Role group": "role groups" }[type];
    await this.page.getByRole("searchbox", { name: `Search ${plural}` }).fill(search);
    await this.page.getByRole("radio", { name, exact: true }).check();
  }

  readonly coverage = () => this.page.getByRole("region", { name: "What this policy covers" });
  readonly field = (label: string) => this.page.getByLabel(label, { exact: true });

  /** "Who may request": every member (no arguments), or these approver groups and members. */
  async setWhoMayRequest({ groups = [], members = [] }: { groups?: string[]; members?: string[] } = {}) {
    if (groups.length === 0 && members.length === 0) {
      await this.page.getByRole("radio", { name: "Every member", exact: true }).check();
      return;
    }
    await this.page.getByRole("radio", { name: "Chosen groups and people", exact: true }).check();
    for (const group of groups) await this.page.getByRole("checkbox", { name: group, exact: true }).check();
    for (const email of members) {
      await this.page.getByLabel("Add a member", { exact: true }).fill(email);
      await this.page.getByRole("button", { name: new RegExp(`^Add ${email.replace(/[.+]/g, "\\$&")}`) }).click();
      await expect(this.namedMembers()).toContainText(email);
    }
  }

  readonly namedMembers = () => this.page.getByRole("list", { name: "Named members" });

  /** "The approved window…": grants the task, or unlocks only what the person's role groups include. */
  async setWindow(what: "grants" | "unlocks") {
    const name = what === "grants" ? "Grants the task" : "Unlocks only what their role groups include";
    await this.page.getByRole("radio", { name, exact: true }).check();
  }

  async save(button: "Create policy" | "Save changes") {
    await this.page.getByRole("button", { name: button }).click();
  }

  async delete(target: string) {
    await this.page.getByRole("button", { name: "Delete policy" }).click();
    const dialog = this.page.getByRole("dialog", { name: `Delete the policy for ${target}?` });
    await dialog.getByRole("button", { name: "Delete policy" }).click();
    await expect(this.page).toHaveURL("/policies");
  }

  /** A run interrupted on a reused server can leave the spec's policy behind: start clean. */
  async removeIfPresent(target: string) {
    if ((await this.link(target).count()) === 0) return;
    await this.open(target);
    await this.delete(target);
  }
}
