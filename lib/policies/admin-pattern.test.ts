import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { policies } from "@/db/schema";
import { type ContosoFixture, codeOf, contosoFixture } from "@/db/testing/contoso-fixture";
import { testDatabaseKinds } from "@/db/testing/test-database";
import { DomainError } from "@/lib/errors";
import { cancelRequest } from "@/lib/requests/cancel-request";
import { createRequest } from "@/lib/requests/create-request";
import { compileAdminPattern, matchesAdminPattern } from "./admin-pattern";
import { createPolicy } from "./create-policy";
import { updatePolicy } from "./update-policy";

/** `^(a+)+$` backtracks exponentially in JavaScript's RegExp: 29 a's and a "!" took 15 s, 999 would never end. */
const CATASTROPHIC = "^(a+)+$";
const STALLING_REASON = `${"a".repeat(29)}!`;

describe("administrator patterns", () => {
  it("test a value in linear time, with RegExp.test's answers", () => {
    expect(matchesAdminPattern(CATASTROPHIC, STALLING_REASON, "reason")).toBe(false);
    expect(matchesAdminPattern(CATASTROPHIC, `${"a".repeat(999)}!`, "reason")).toBe(false);
    expect(matchesAdminPattern(CATASTROPHIC, "aaaa", "reason")).toBe(true);
    expect(matchesAdminPattern("^CHG-[0-9]+$", "CHG-1234", "ticket")).toBe(true);
    expect(matchesAdminPattern("^CHG-[0-9]+$", "see CHG-1234", "ticket")).toBe(false);
    expect(matchesAdminPattern(".{20,}", "long enough to be a reason", "reason")).toBe(true); // unanchored, as before
    expect(matchesAdminPattern("\\d", "ticket 7", "ticket")).toBe(true);
  });

  it.each(["(?=a)a", "(?!b)a", "(?<=a)b", "(?<!a)b", "(a)\\1", "(["])("refuse %s, which RE2 cannot run, with the reason", (pattern) => {
    const compiled = compileAdminPattern(pattern);
    expect(compiled.ok).toBe(false);
    expect(!compiled.ok && compiled.problem).toMatch(/^is not a pattern Elevate can check \(RE2 syntax/);
  });
});

describe.each(testDatabaseKinds)("policy patterns on %s", (kind) => {
  let f: ContosoFixture;
  let policyId: string;
  beforeAll(async () => {
    f = await contosoFixture(kind);
    const admin = await f.actor("admin@contoso.com");
    policyId = (
      await createPolicy(f.database.db, {
        actor: admin,
        input: { type: "task", target: "Remove-JournalRule", approvalType: "manual", reasonPattern: CATASTROPHIC, ticketPattern: "^CHG-[0-9]+$" },
      })
    ).id;
  });
  afterAll(() => f.database.destroy());
  const db = () => f.database.db;
  const request = async (reason: string, ticket?: string) =>
    createRequest(db(), { actor: await f.actor("requester@contoso.com"), input: { target: "Remove-JournalRule", reason, ticket } });

  it("check a reason against a catastrophic pattern promptly, and refuse it on the field", async () => {
    for (const reason of [STALLING_REASON, `${"a".repeat(999)}!`]) {
      const error = await request(reason).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe("invalid:reason");
      expect(Object.keys((error as DomainError).fields ?? {})).toEqual(["reason"]);
    }
  });

  it("still admit what the patterns match", async () => {
    const created = await request("aaaa", "CHG-1234");
    expect(created.status).toBe("pending");
    await cancelRequest(db(), { actor: await f.actor("requester@contoso.com"), requestId: created.id });
    expect(await codeOf(request("aaaa", "INC-1"))).toBe("invalid:ticket");
  });

  it.each([
    ["reasonPattern", "^(?=.*CHG-)"],
    ["ticketPattern", "^(CHG)-\\1$"],
    ["reasonPattern", "(?<=why: ).+"],
  ])("refuse a %s of %s when the policy is saved, with the field's error", async (field, pattern) => {
    const admin = await f.actor("admin@contoso.com");
    for (const save of [
      () => updatePolicy(db(), { actor: admin, policyId, input: { [field]: pattern } }),
      () => createPolicy(db(), { actor: admin, input: { type: "task", target: "Get-Mailbox", [field]: pattern } }),
    ]) {
      const error = await save().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe("invalid:input");
      expect((error as DomainError).fields?.[field]?.[0]).toMatch(/RE2 syntax, without backreferences, lookahead or lookbehind/);
    }
  });

  it("refuse requests under a pattern saved before RE2 checked them, asking for an administrator", async () => {
    await db().update(policies).set({ reasonPattern: "^(?=.*why)" }).where(eq(policies.id, policyId));
    expect(await codeOf(request("because why not"))).toBe("conflict:policy-pattern");
    await db().update(policies).set({ reasonPattern: CATASTROPHIC }).where(eq(policies.id, policyId));
  });
});
