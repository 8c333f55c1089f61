import { type Page, expect } from "@playwright/test";

/** Settings → Scopes: the catalogs, registering an external scope and importing its catalog. */
export class ScopesPage {
  constructor(readonly page: Page) {}

  async goto() {
    await this.page.goto("/settings/scopes");
    await expect(this.page.getByRole("heading", { name: "Scopes", level: 1 })).toBeVisible();
  }

  readonly scope = (name: string) => this.page.getByRole("region", { name, exact: true });
  readonly toast = (text: string | RegExp) => this.page.locator("[data-toast]").filter({ hasText: text });

  async register(name: string, description = "") {
    const form = this.page.getByRole("form", { name: "Register a scope" });
    await form.getByLabel("Scope name").fill(name);
    await form.getByLabel("Description").fill(description);
    await form.getByRole("button", { name: "Register scope" }).click();
  }

  readonly catalogForm = (name: string) => this.page.getByRole("form", { name: `Catalog of ${name}` });

  /** Pastes a catalog (an object, or raw text) into the scope's import form and saves it. */
  async pasteCatalog(name: string, catalog: unknown) {
    const form = this.catalogForm(name);
    await form.getByLabel("Catalog JSON").fill(typeof catalog === "string" ? catalog : JSON.stringify(catalog, null, 2));
    await form.getByRole("button", { name: "Save catalog" }).click();
  }

  /** Uploads a catalog file into the import form (it fills the text), then saves it. */
  async uploadCatalog(name: string, catalog: unknown) {
    const form = this.catalogForm(name);
    await form.getByLabel("Upload a catalog file").setInputFiles({
      name: "catalog.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(catalog)),
    });
    await expect(form.getByLabel("Catalog JSON")).toHaveValue(/"tasks"/);
    await form.getByRole("button", { name: "Save catalog" }).click();
  }

  readonly table = (scope: string, what: "Tasks" | "Roles" | "Role groups") => this.scope(scope).getByRole("table", { name: `${what} of ${scope}` });
}
