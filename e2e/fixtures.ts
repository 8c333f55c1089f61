import { test as base } from "@playwright/test";
import { DashboardPage } from "./pages/dashboard-page";
import { SignInPage } from "./pages/sign-in-page";

export const test = base.extend<{ signInPage: SignInPage; dashboard: DashboardPage }>({
  signInPage: async ({ page }, use) => use(new SignInPage(page)),
  dashboard: async ({ page }, use) => use(new DashboardPage(page)),
});

export { expect } from "@playwright/test";
