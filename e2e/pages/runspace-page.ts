import { type Page, expect } from "@playwright/test";

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export class RunspacePage {
  constructor(readonly page: Page) {}

  async goto(task?: string) {
    await this.page.goto(task ? `/runspace?task=${encodeURIComponent(task)}` : "/runspace");
    await expect(this.page.getByRole("heading", { name: "Runspace", level: 1 })).toBeVisible();
  }

  readonly picker = () => this.page.getByRole("region", { name: "Tasks" });
  readonly search = () => this.picker().getByLabel("Search tasks");
  /** A task in the picker: the button holding its name, its access badge and its description. */
  readonly taskButton = (name: string) =>
    this.picker().getByRole("button").filter({ has: this.page.getByText(name, { exact: true }) });
  readonly taskHeading = (name: string) => this.page.getByRole("heading", { name, level: 2, exact: true });

  async pick(name: string) {
    await this.search().fill(name);
    await this.taskButton(name).click();
    await expect(this.taskHeading(name)).toBeVisible();
  }

  /** A parameter's field, by its label ("Name" or "Name (required)"). */
  readonly parameter = (name: string) => this.page.getByLabel(new RegExp(`^${escape(name)}( \\(required\\))?$`));

  async run(task: string) {
    await this.page.getByRole("button", { name: `Run ${task}`, exact: true }).click();
  }

  readonly result = () => this.page.getByRole("region", { name: "Result" });
  readonly resultTable = () => this.result().getByRole("table");
  readonly blocked = () => this.result().getByRole("alert");
  readonly requestAccessLink = () => this.blocked().getByRole("link", { name: "Request access" });
}
