/**
 * Playwright fixtures that give each spec file an organisation of its own, seeded before the server
 * started (e2e/seed-test-organisations.ts) in the Contoso demo's shape: the same people, approver
 * groups, policies and history, at addresses under the spec's own domain.
 *
 *   test("…", async ({ org, api, signIn }) => {
 *     const page = await signIn("requester");          // a signed-in browser page
 *     const admin = await api("admin");                // API v1 as the administrator
 *     org.email("approver1")                           // approver1@spec-ui-inbox.example
 *   });
 *
 * In `beforeAll`, where test fixtures are not offered, use `orgOf(testInfo)`.
 */
import { readFileSync } from "node:fs";
import { type APIRequestContext, type Browser, type Page, type TestInfo, test as base, request } from "@playwright/test";
import { randomAddress } from "./api/api-fixtures";
import { signedIn } from "./helpers";
import { DashboardPage } from "./pages/dashboard-page";
import { SignInPage } from "./pages/sign-in-page";
import { accountEmail, organisationsFile, specSlug } from "./spec-organisations.mjs";

export type OrgAccount =
  | "admin"
  | "rolemanager"
  | "auditor"
  | "approver1"
  | "approver2"
  | "requester"
  | "requester2"
  | "svc-backup"
  | "partner";
export type TokenPurpose = "api" | "cli" | "spare";

export interface SpecOrganisation {
  slug: string;
  name: string;
  email(account: OrgAccount): string;
  /** A personal API token of the account (three each, so specs can spend one on revocation). */
  token(account: Exclude<OrgAccount, "partner">, purpose?: TokenPurpose): string;
  /** An API v1 client acting as the account, from an address of its own (rate limits are per address). */
  api(account: Exclude<OrgAccount, "partner">, purpose?: TokenPurpose): Promise<APIRequestContext>;
}

let seeded: Record<string, { name: string; tokens: Record<string, string> }> | undefined;

/** The organisation of the spec file that is running. */
export function orgOf(testInfo: Pick<TestInfo, "file" | "project">): SpecOrganisation {
  seeded ??= JSON.parse(readFileSync(organisationsFile, "utf8"));
  const slug = specSlug(testInfo.file);
  const organisation = seeded![slug];
  if (!organisation) throw new Error(`No organisation was seeded for ${testInfo.file} (${slug}): restart the test server.`);
  const baseURL = testInfo.project.use.baseURL;
  return {
    slug,
    name: organisation.name,
    email: (account) => accountEmail(slug, account),
    token: (account, purpose = "api") => organisation.tokens[`${account}:${purpose}`]!,
    api: (account, purpose = "api") =>
      request.newContext({
        baseURL: `${baseURL}/api/v1/`,
        extraHTTPHeaders: {
          authorization: `Bearer ${organisation.tokens[`${account}:${purpose}`]}`,
          "x-forwarded-for": randomAddress(),
        },
      }),
  };
}

export const test = base.extend<{
  org: SpecOrganisation;
  api: SpecOrganisation["api"];
  signIn: (account: OrgAccount, browser?: Browser) => Promise<Page>;
  signInPage: SignInPage;
  dashboard: DashboardPage;
}>({
  org: async ({}, use, testInfo) => use(orgOf(testInfo)),
  api: async ({ org }, use) => {
    const contexts: APIRequestContext[] = [];
    await use(async (account, purpose) => {
      const context = await org.api(account, purpose);
      contexts.push(context);
      return context;
    });
    for (const context of contexts) await context.dispose();
  },
  signIn: async ({ org, browser }, use) => use((account, other) => signedIn(other ?? browser, org.email(account))),
  signInPage: async ({ page }, use) => use(new SignInPage(page)),
  dashboard: async ({ page }, use) => use(new DashboardPage(page)),
});

export { expect } from "@playwright/test";
