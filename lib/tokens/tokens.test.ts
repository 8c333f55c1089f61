import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiTokens, memberships } from "@/db/schema";
import { type ContosoFixture, codeOf, contosoFixture } from "@/db/testing/contoso-fixture";
import { testDatabaseKinds } from "@/db/testing/test-database";
import { admitApiCall, authenticateToken } from "./authenticate-token";
import { createToken, createTokenForMember } from "./create-token";
import { listTokens, listTokensPage } from "./list-tokens";
import { revokeToken } from "./revoke-token";

describe.each(testDatabaseKinds)("API tokens on %s", (kind) => {
  let f: ContosoFixture;
  beforeAll(async () => {
    f = await contosoFixture(kind);
  });
  afterAll(() => f.database.destroy());
  const db = () => f.database.db;

  it("authenticate as their member, with roles and groups, marked as a token for the audit", async () => {
    const admin = await f.actor("admin@contoso.com");
    const created = await createToken(db(), { actor: admin, input: { name: "ci" } });
    expect(created.token).toMatch(/^elv_[a-z0-9]{8}_[A-Za-z0-9_-]{43}$/);
    const { actor } = await authenticateToken(db(), created.token, { ip: "203.0.113.9" });
    expect(actor).toMatchObject({ email: "admin@contoso.com", roles: ["global_admin"], client: { via: "token", ip: "203.0.113.9" } });
    const approver = await authenticateToken(db(), (await createTokenForMember(db(), { email: "approver2@contoso.com" })).token);
    expect(approver.actor.approverGroups.map((g) => g.name)).toEqual(["Exchange Leads", "PAM Approvers"]);
  });

  it("admit an API call in one step: counted against its limits, then authenticated", async () => {
    const created = await createToken(db(), { actor: await f.actor("auditor@contoso.com"), input: {} });
    const forged = `${created.token.slice(0, -1)}${created.token.endsWith("A") ? "B" : "A"}`;
    const limits = (name: string) => [
      { key: `api:ip:${name}`, limit: 10, windowSeconds: 60 },
      { key: `api:token:${name}`, limit: 2, windowSeconds: 60 },
    ];
    const admit = (token: string | undefined, name: string) => admitApiCall(db(), { token, limits: limits(name), client: { ip: "203.0.113.5" } });

    const admitted = await admit(created.token, "good");
    expect(admitted.actor).toMatchObject({ email: "auditor@contoso.com", client: { via: "token", ip: "203.0.113.5" } });
    await admit(created.token, "good");
    expect(await codeOf(admit(created.token, "good"))).toBe("rate-limited:api-token");

    // A refused token is counted too, so guessing is limited: past the limit it is 429, not 401.
    expect(await codeOf(admit(forged, "forged"))).toBe("unauthorized:token");
    expect(await codeOf(admit(forged, "forged"))).toBe("unauthorized:token");
    expect(await codeOf(admit(forged, "forged"))).toBe("rate-limited:api-token");
    expect(await codeOf(admit(undefined, "none"))).toBe("unauthorized:token");
    expect(await codeOf(admit("not-a-token", "malformed"))).toBe("unauthorized:token");
  });

  it("keep only a keyed hash: the token appears nowhere in the database", async () => {
    const created = await createToken(db(), { actor: await f.actor("auditor@contoso.com"), input: {} });
    const dump = await db().execute(sql`select (select string_agg(t::text, '') from api_tokens t) || (select string_agg(a::text, '') from audit_events a) as all`);
    const secret = created.token.slice(created.prefix.length + 1); // "elv_<prefix>_<secret>"
    expect(secret.length).toBe(43);
    expect(JSON.stringify(dump)).not.toContain(secret);
    const listed = await listTokens(db(), { actor: await f.actor("auditor@contoso.com") });
    expect(listed[0]).toMatchObject({ prefix: created.prefix, status: "active", name: "API token" });
    // Ninety days after it was made, as the database counts days.
    const [made] = await db()
      .select({ ninetyDaysOn: sql<Date>`${apiTokens.createdAt} + interval '90 days'`.mapWith(apiTokens.expiresAt) })
      .from(apiTokens)
      .where(eq(apiTokens.id, created.id));
    expect(listed[0]!.expiresAt).toBe(made!.ninetyDaysOn.toISOString());
  });

  it("are listed a page at a time, newest first, none skipped or repeated when made within one millisecond", async () => {
    const approver = await f.actor("approver1@contoso.com");
    const made = [];
    for (const name of ["one", "two", "three"]) made.push(await createToken(db(), { actor: approver, input: { name } }));
    // Microseconds apart within one millisecond, which a cursor's JavaScript Date cannot tell apart.
    for (const [i, token] of made.entries()) {
      await db().update(apiTokens).set({ createdAt: sql`'2026-11-30T10:00:00.123000Z'::timestamptz + ${`${i * 100} microseconds`}::interval` }).where(eq(apiTokens.id, token.id));
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listTokensPage(db(), { actor: approver, input: { limit: 1, cursor } });
      seen.push(...page.items.map((t) => t.name));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual((await listTokens(db(), { actor: approver })).map((t) => t.name));
    expect([...seen].sort()).toEqual(["one", "three", "two"]);
    expect(await codeOf(listTokensPage(db(), { actor: approver, input: { cursor: "forged" } }))).toBe("invalid:cursor");
  });

  it("are refused once revoked, expired, or when their member is disabled", async () => {
    const requester = await f.actor("requester@contoso.com");
    const revoked = await createToken(db(), { actor: requester, input: {} });
    await revokeToken(db(), { actor: requester, tokenId: revoked.id });
    expect(await codeOf(authenticateToken(db(), revoked.token))).toBe("unauthorized:token");
    expect(await codeOf(revokeToken(db(), { actor: requester, tokenId: revoked.id }))).toBe("conflict:token-revoked");

    const expired = await createToken(db(), { actor: requester, input: {} });
    await db().update(apiTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(apiTokens.id, expired.id));
    expect(await codeOf(authenticateToken(db(), expired.token))).toBe("unauthorized:token");

    const live = await createToken(db(), { actor: requester, input: {} });
    await db().update(memberships).set({ disabledAt: new Date() }).where(eq(memberships.userId, requester.userId));
    expect(await codeOf(authenticateToken(db(), live.token))).toBe("unauthorized:token");
    await db().update(memberships).set({ disabledAt: null }).where(eq(memberships.userId, requester.userId));
    expect((await authenticateToken(db(), live.token)).actor.email).toBe("requester@contoso.com");
  });

  it("refuse malformed tokens and someone else's revocation", async () => {
    expect(await codeOf(authenticateToken(db(), "not-a-token"))).toBe("unauthorized:token");
    const mine = await createToken(db(), { actor: await f.actor("requester2@contoso.com"), input: {} });
    expect(await codeOf(revokeToken(db(), { actor: await f.actor("admin@contoso.com"), tokenId: mine.id }))).toBe("not-found:token");
    expect(await codeOf(createToken(db(), { actor: await f.actor("admin@contoso.com"), input: { expiresInDays: 400 } }))).toBe("invalid:input");
  });
});
