import { randomInt } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { type APIRequestContext, test as base, request } from "@playwright/test";

export type Account = "admin" | "rolemanager" | "auditor" | "approver1" | "approver2" | "requester" | "requester2" | "svc-backup";

export function tokenOf(account: Account, purpose: "api" | "cli" | "spare" = "api"): string {
  const tokens = JSON.parse(readFileSync(path.join(import.meta.dirname, "../../.data/e2e/tokens.json"), "utf8")) as Record<string, string>;
  return tokens[`${account}:${purpose}`]!;
}

/**
 * A distinct client address per context, so one spec's calls do not use up another's rate limit.
 * The test server trusts one proxy, so the address is the last entry; the first is what a client
 * could forge, and counts for nothing.
 */
export const randomAddress = () => `198.51.100.${randomInt(1, 255)}, 10.0.0.${randomInt(1, 255)}`;

export const test = base.extend<{ api: (account: Account, purpose?: "api" | "spare") => Promise<APIRequestContext> }>({
  api: async ({ baseURL }, use) => {
    const contexts: APIRequestContext[] = [];
    await use(async (account, purpose = "api") => {
      const context = await request.newContext({
        baseURL: `${baseURL}/api/v1/`,
        extraHTTPHeaders: { authorization: `Bearer ${tokenOf(account, purpose)}`, "x-forwarded-for": randomAddress() },
      });
      contexts.push(context);
      return context;
    });
    for (const context of contexts) await context.dispose();
  },
});

export { expect } from "@playwright/test";
