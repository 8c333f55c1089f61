import { type Page, expect } from "@playwright/test";

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export class RunspacePage {
  constructor(readonly page: Page) {}

  async goto(task?: string) {
    await this.page.goto(task ? `/runspace?task=${encodeURIComponent(task)}` : "/runspace");
    await expect(this.page.getByRole("heading", { name: "Runspace", level: 1 })).toBeVisible();
  }

  readonly taskList = () => this.page.getByRole("region", { name: "Tasks" });
  readonly search = () => this.taskList().getByLabel("Search tasks");
  /** A task in the picker: the button holding its name, its access badge and its description. */
  readonly taskButton = (name: string) =>
    this.taskList().getByRole("button").filter({ has: this.page.getByText(name, { exact: true }) });
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

  /** The notice that the Exchange of the runspace is simulated, not the organisation's tenant. */
  readonly workloadNotice = () => this.page.getByRole("note", { name: "Simulated Exchange Online" });

  /** A parameter that names an object of the workload: a combobox offering them. */
  readonly picker = (name: string) => this.page.getByRole("combobox", { name: new RegExp(`^${escape(name)}( \\(required\\))?$`) });
  readonly options = () => this.page.getByRole("listbox").getByRole("option");
  readonly option = (label: string) => this.page.getByRole("listbox").getByRole("option", { name: new RegExp(`^${escape(label)}\\b`) });

  readonly result = () => this.page.getByRole("region", { name: "Result" });
  readonly resultTable = () => this.result().getByRole("table");
  readonly blocked = () => this.result().getByRole("alert");
  /** A run that failed: the cmdlet's error and what to do. */
  readonly failure = () => this.result().getByRole("alert");
  readonly requestAccessLink = () => this.blocked().getByRole("link", { name: "Request access" });
}
