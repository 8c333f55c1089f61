import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accounts, auditEvents, emailOutbox, memberships, organisations, users } from "@/db/schema";
import { type ContosoFixture, codeOf, contosoFixture } from "@/db/testing/contoso-fixture";
import { testDatabaseKinds } from "@/db/testing/test-database";
import { listDevMailbox } from "@/lib/notify/list-dev-mailbox";
import { sendSignInLink } from "@/lib/notify/send-sign-in-link";
import { admitSignIn } from "./admit-sign-in";
import { type SignInAttempt, type SignInContext, decideSignIn, untaggedAddress } from "./decide-sign-in";
import { CONSUMER_TENANT_ID, ENTRA_PROVIDER_ID, entraAccountId, entraIdentityOf, entraProfile } from "./entra-identity";
import { issuerTenantOf, trustedTenantsOf } from "./entra-trust";
import { limitSignIn } from "./limit-sign-in";
import { SignInRefusedError, startSession } from "./sessions";

/** The tenant of the deployment's app registration in these tests (its AUTH_MICROSOFT_ENTRA_ID_ISSUER). */
const CONTOSO_TENANT = "11111111-1111-4111-8111-111111111111";
const FABRIKAM_TENANT = "22222222-2222-4222-8222-222222222222";
/** A tenant the (multi-tenant) app registration accepts, which no organisation here trusts. */
const STRANGER_TENANT = "33333333-3333-4333-8333-333333333333";
const HOME: SignInContext = { homeTenantId: CONTOSO_TENANT };

/** An Entra ID token's claims, as Auth.js hands them to the signIn callback. */
function claims(over: Record<string, unknown> = {}) {
  return { sub: "pairwise-sub", tid: CONTOSO_TENANT, oid: randomUUID(), name: "Someone", ...over };
}

function entra(over: Record<string, unknown> = {}) {
  const identity = entraIdentityOf(claims(over));
  if (!identity) throw new Error("claims without tid/oid");
  return { method: ENTRA_PROVIDER_ID, identity } as const;
}

describe("Entra ID claims", () => {
  it("take tid:oid as the account id and fetch nothing", () => {
    const oid = "AAAAAAAA-BBBB-4CCC-8DDD-EEEEEEEEEEEE";
    expect(entraProfile(claims({ oid, email: "Adele@Contoso.com", xms_edov: true }))).toEqual({
      id: `${CONTOSO_TENANT}:${oid.toLowerCase()}`,
      name: "Someone",
      email: "adele@contoso.com",
      image: null,
    });
  });

  it("believe `email` only when Entra says the tenant owns its domain (xms_edov), else the UPN", () => {
    const address = (over: Record<string, unknown>) => entraIdentityOf(claims(over))?.email;
    // Any tenant administrator can type a victim's address into a person's mail attribute.
    expect(address({ email: "boss@contoso.com", preferred_username: "me@contoso.com" })).toBe("me@contoso.com");
    expect(address({ email: "boss@contoso.com" })).toBeNull();
    expect(address({ email: "boss@contoso.com", xms_edov: false, preferred_username: "me@contoso.com" })).toBe("me@contoso.com");
    expect(address({ email: "boss@contoso.com", xms_edov: "true", preferred_username: "me@contoso.com" })).toBe("me@contoso.com");
    expect(address({ email: "boss@contoso.com", email_verified: true })).toBeNull();
    expect(address({ email: "Boss@Contoso.com", xms_edov: true, preferred_username: "me@contoso.com" })).toBe("boss@contoso.com");
    expect(address({ preferred_username: "Adele@Contoso.com" })).toBe("adele@contoso.com");
    expect(address({ preferred_username: "not an address" })).toBeNull();
  });

  it("never take a guest's UPN, nor anything the consumer tenant says", () => {
    const identity = (over: Record<string, unknown>) => entraIdentityOf(claims(over))!;
    const guestUpn = identity({ preferred_username: "bob_fabrikam.com#EXT#@contoso.onmicrosoft.com" });
    expect(guestUpn).toMatchObject({ email: null, guest: true });
    expect(identity({ preferred_username: "bob@fabrikam.com", upn: "bob_fabrikam.com#ext#@contoso.onmicrosoft.com" })).toMatchObject({ email: null, guest: true });
    expect(identity({ preferred_username: "bob@fabrikam.com", acct: 1 })).toMatchObject({ email: null, guest: true });
    expect(identity({ preferred_username: "bob@fabrikam.com", idp: `https://sts.windows.net/${FABRIKAM_TENANT}/` })).toMatchObject({ email: null, guest: true });
    expect(identity({ preferred_username: "me@contoso.com", idp: `https://sts.windows.net/${CONTOSO_TENANT}/`, acct: 0 })).toMatchObject({
      email: "me@contoso.com",
      guest: false,
    });
    // A guest's domain-verified email is the one address of theirs that is believed.
    expect(identity({ preferred_username: "bob@fabrikam.com", acct: 1, email: "bob@fabrikam.com", xms_edov: true })).toMatchObject({
      email: "bob@fabrikam.com",
      guest: true,
    });
    expect(identity({ tid: CONSUMER_TENANT_ID, preferred_username: "me@contoso.com", email: "me@contoso.com", xms_edov: true }).email).toBeNull();
  });

  it("refuse tokens without tid/oid", () => {
    expect(entraIdentityOf(claims({ tid: undefined }))).toBeNull();
    expect(entraIdentityOf(claims({ oid: "'; drop table users; --" }))).toBeNull();
    expect(entraProfile(claims({ tid: "common" })).id).toMatch(/^invalid:/);
  });

  it("name the deployment's tenant by the GUID in its issuer; a multi-tenant issuer names none", () => {
    expect(issuerTenantOf(`https://login.microsoftonline.com/${CONTOSO_TENANT.toUpperCase()}/v2.0`)).toBe(CONTOSO_TENANT);
    expect(issuerTenantOf(`https://127.0.0.1:4443/${CONTOSO_TENANT}/v2.0`)).toBe(CONTOSO_TENANT);
    for (const issuer of [
      "https://login.microsoftonline.com/common/v2.0",
      "https://login.microsoftonline.com/organizations/v2.0",
      "https://login.microsoftonline.com/consumers/v2.0",
      `https://login.microsoftonline.com/${CONSUMER_TENANT_ID}/v2.0`,
      `https://login.microsoftonline.com/${CONTOSO_TENANT}`,
      `https://login.microsoftonline.com/x/${CONTOSO_TENANT}/v2.0`,
      "not a url",
      undefined,
    ]) {
      expect(issuerTenantOf(issuer)).toBeNull();
    }
    const none = { entraTenantIds: [], jitEntraTenantIds: [] };
    expect(trustedTenantsOf(none, CONTOSO_TENANT)).toEqual([CONTOSO_TENANT]);
    expect(trustedTenantsOf(none, null)).toEqual([]);
    expect(trustedTenantsOf({ entraTenantIds: [STRANGER_TENANT], jitEntraTenantIds: [FABRIKAM_TENANT] }, CONTOSO_TENANT)).toEqual([
      STRANGER_TENANT,
      FABRIKAM_TENANT,
    ]);
    expect(trustedTenantsOf({ entraTenantIds: [CONSUMER_TENANT_ID], jitEntraTenantIds: [] }, CONTOSO_TENANT)).toEqual([]);
  });

  it("take a mailbox's +tag off its local part only", () => {
    expect(untaggedAddress("Leaver+Again@Fabrikam.example")).toBe("leaver@fabrikam.example");
    expect(untaggedAddress("leaver@fabrikam.example")).toBe("leaver@fabrikam.example");
    expect(untaggedAddress("a+b+c@x.example")).toBe("a@x.example");
  });
});

describe.each(testDatabaseKinds)("who signs in, and where, on %s", (kind) => {
  let f: ContosoFixture;
  let fabrikamId: string;
  let northwindId: string;
  beforeAll(async () => {
    f = await contosoFixture(kind);
    const [fabrikam] = await db()
      .insert(organisations)
      .values({ slug: "fabrikam", name: "Fabrikam", jitEmailDomains: ["fabrikam.example"], jitEntraTenantIds: [FABRIKAM_TENANT] })
      .returning();
    fabrikamId = fabrikam!.id;
    // Lists no tenant: it believes the deployment's own tenant only.
    const [northwind] = await db()
      .insert(organisations)
      .values({ slug: "northwind", name: "Northwind", jitEmailDomains: ["northwind.example"] })
      .returning();
    northwindId = northwind!.id;
  });
  afterAll(() => f.database.destroy());
  const db = () => f.database.db;
  const decide = (attempt: SignInAttempt, context = HOME) => decideSignIn(db(), attempt, context);
  const admit = (attempt: SignInAttempt, client = {}, context = HOME) => admitSignIn(db(), { attempt, client, context });

  const userIdOf = async (email: string) => (await db().query.users.findFirst({ where: eq(users.email, email) }))?.id;
  const link = async (email: string, identity: { tenantId: string; objectId: string }) =>
    db()
      .insert(accounts)
      .values({ userId: (await userIdOf(email))!, type: "oidc", provider: ENTRA_PROVIDER_ID, providerAccountId: entraAccountId(identity) });
  const lastEvent = async (organisationId: string) =>
    (
      await db().query.auditEvents.findMany({
        where: eq(auditEvents.organisationId, organisationId),
        orderBy: (e, { desc }) => desc(e.seq),
        limit: 1,
      })
    )[0]!;
  const membershipOf = async (email: string, organisationId: string) =>
    db().query.memberships.findFirst({
      where: and(eq(memberships.userId, (await userIdOf(email)) ?? "none"), eq(memberships.organisationId, organisationId)),
    });
  const setTenants = (organisationId: string, values: { entraTenantIds?: string[]; jitEntraTenantIds?: string[] }) =>
    db().update(organisations).set(values).where(eq(organisations.id, organisationId));

  it("finds a member by the token's verified address first, then by the linked identity even without one", async () => {
    const first = entra({ email: "requester@contoso.com", xms_edov: true });
    expect(await decide(first)).toMatchObject({ outcome: "member", email: "requester@contoso.com", organisationId: f.organisationId });
    await link("requester@contoso.com", first.identity);
    // Later tokens may carry no email and a UPN that is not the member's address.
    const again = entraIdentityOf(claims({ oid: first.identity.objectId, preferred_username: "adele.vance@contoso.onmicrosoft.com" }))!;
    expect(await decide({ method: ENTRA_PROVIDER_ID, identity: again })).toMatchObject({
      outcome: "member",
      email: "requester@contoso.com",
    });
  });

  it("matches on the UPN when the token has no email", async () => {
    expect(await decide(entra({ preferred_username: "Auditor@Contoso.com" }))).toMatchObject({
      outcome: "member",
      email: "auditor@contoso.com",
    });
  });

  it("H1: does not take a member for whoever's mail attribute names them", async () => {
    // An administrator of a tenant the app accepts sets their own account's mail to a member's address.
    const spoof = entra({ email: "admin@contoso.com", preferred_username: "approver2@contoso.com" });
    expect(await decide(spoof)).toMatchObject({ outcome: "member", email: "approver2@contoso.com" });
    const stranger = entra({ tid: STRANGER_TENANT, email: "admin@contoso.com", preferred_username: "mallory@stranger.example" });
    expect(await admit(stranger)).toBeNull();
    expect(await db().$count(accounts, eq(accounts.userId, (await userIdOf("admin@contoso.com"))!))).toBe(0);
  });

  it("does not let a second Entra identity take over a linked person by claiming their address", async () => {
    const other = entra({ preferred_username: "requester@contoso.com" });
    const admitted = await admit(other, { ip: "203.0.113.9" });
    expect(admitted).toBeNull();
    expect(await lastEvent(f.organisationId)).toMatchObject({
      action: "auth.refused",
      actorEmail: "requester@contoso.com",
      ip: "203.0.113.9",
      details: { method: ENTRA_PROVIDER_ID, reason: "another Entra identity is linked to this person" },
    });
  });

  it("refuses a token with no usable address that is not linked", async () => {
    expect(await decide(entra({ preferred_username: "not-an-address" }))).toMatchObject({ outcome: "refuse" });
  });

  it("H2: an organisation that lists no tenant believes the deployment's own tenant only; none for a multi-tenant issuer", async () => {
    expect(await admit(entra({ tid: STRANGER_TENANT, preferred_username: "approver1@contoso.com" }))).toBeNull();
    expect(await lastEvent(f.organisationId)).toMatchObject({
      action: "auth.refused",
      details: { reason: "the organisation does not accept sign-ins from this Entra tenant", tenantId: STRANGER_TENANT },
    });
    expect(await decide(entra({ preferred_username: "approver1@contoso.com" }))).toMatchObject({ outcome: "member" });
    expect(await decide(entra({ preferred_username: "approver1@contoso.com" }), { homeTenantId: null })).toMatchObject({ outcome: "refuse" });
    // A magic link has no tenant: it is not restricted.
    expect(await decide({ method: "resend", email: "approver1@contoso.com" }, { homeTenantId: null })).toMatchObject({ outcome: "member" });
  });

  it("H2: believes exactly the tenants it lists, trusted or just-in-time, once it lists any", async () => {
    await setTenants(f.organisationId, { entraTenantIds: [STRANGER_TENANT] });
    try {
      expect(await decide(entra({ tid: STRANGER_TENANT, preferred_username: "approver1@contoso.com" }))).toMatchObject({ outcome: "member" });
      expect(await decide(entra({ preferred_username: "approver1@contoso.com" }))).toMatchObject({ outcome: "refuse" });
      await setTenants(f.organisationId, { entraTenantIds: [], jitEntraTenantIds: [STRANGER_TENANT] });
      expect(await decide(entra({ tid: STRANGER_TENANT, preferred_username: "approver1@contoso.com" }))).toMatchObject({ outcome: "member" });
    } finally {
      await setTenants(f.organisationId, { entraTenantIds: [], jitEntraTenantIds: [] });
    }
  });

  it("H2/H4: an identity linked under another organisation's rule opens that organisation only", async () => {
    // partner@fabrikam.com is Contoso's (which believes the deployment's tenant) and Fabrikam's (its own tenant).
    const partner = "partner@fabrikam.com";
    await db().insert(memberships).values({ organisationId: fabrikamId, userId: (await userIdOf(partner))!, source: "oidc" });
    const fabrikamIdentity = entra({ tid: FABRIKAM_TENANT, preferred_username: "partner@fabrikam.example" });
    await link(partner, fabrikamIdentity.identity);
    // Contoso is the older organisation, but it does not trust Fabrikam's tenant.
    expect(await decide(fabrikamIdentity)).toMatchObject({ outcome: "member", userId: await userIdOf(partner), organisationId: fabrikamId });
    await db().update(memberships).set({ disabledAt: new Date() }).where(eq(memberships.organisationId, fabrikamId));
    try {
      expect(await decide(fabrikamIdentity)).toMatchObject({
        outcome: "refuse",
        reason: "the organisation does not accept sign-ins from this Entra tenant",
      });
    } finally {
      await db().delete(memberships).where(eq(memberships.organisationId, fabrikamId));
    }
  });

  it("H4: an organisation's just-in-time rule never joins (nor links) a person of an organisation that does not trust the tenant", async () => {
    // Fabrikam admits its tenant just in time; approver1 is Contoso's, and Contoso trusts only its own tenant.
    const claimed = entra({ tid: FABRIKAM_TENANT, preferred_username: "approver1@contoso.com" });
    expect(await admit(claimed, { ip: "198.51.100.77" })).toBeNull();
    expect(await membershipOf("approver1@contoso.com", fabrikamId)).toBeUndefined();
    expect(await lastEvent(f.organisationId)).toMatchObject({
      action: "auth.refused",
      actorEmail: "approver1@contoso.com",
      details: { reason: "the person belongs to an organisation that does not accept sign-ins from this Entra tenant", tenantId: FABRIKAM_TENANT },
    });
    // A person who belongs nowhere may join: no organisation of theirs is opened to the tenant.
    await db().insert(users).values({ email: "former@contoso.com" });
    expect(await admit(entra({ tid: FABRIKAM_TENANT, preferred_username: "former@contoso.com" }))).toMatchObject({
      userId: await userIdOf("former@contoso.com"),
      organisationId: fabrikamId,
      joined: true,
    });
  });

  it("makes a plain member just in time by email domain on a magic link's use, audited in the same organisation", async () => {
    const admitted = await admit({ method: "resend", email: "New.Hire@Fabrikam.example" }, { ip: "198.51.100.4", userAgent: "vitest" });
    expect(admitted).toMatchObject({ email: "new.hire@fabrikam.example", organisationId: fabrikamId, joined: true });
    expect(await membershipOf("new.hire@fabrikam.example", fabrikamId)).toMatchObject({
      kind: "member",
      roles: [],
      source: "local",
      excludedFromPam: false,
      disabledAt: null,
    });
    expect(await lastEvent(fabrikamId)).toMatchObject({
      action: "member.added",
      targetId: admitted!.userId,
      actorEmail: "new.hire@fabrikam.example",
      ip: "198.51.100.4",
      details: { email: "new.hire@fabrikam.example", source: "email", justInTime: "domain", domain: "fabrikam.example", roles: [] },
    });
    // The second time they are simply a member: no second membership, no second event.
    const again = await admit({ method: "resend", email: "new.hire@fabrikam.example" });
    expect(again).toMatchObject({ userId: admitted!.userId, organisationId: fabrikamId, joined: false });
    expect(await db().$count(auditEvents, and(eq(auditEvents.action, "member.added"), eq(auditEvents.targetId, admitted!.userId)))).toBe(1);
  });

  it("makes a member just in time by Entra tenant, whatever the verified address's domain, with source oidc", async () => {
    const attempt = entra({ tid: FABRIKAM_TENANT, email: "contractor@outlook.example", xms_edov: true, name: "Casey Contractor" });
    const admitted = await admit(attempt);
    expect(admitted).toMatchObject({ email: "contractor@outlook.example", organisationId: fabrikamId, joined: true });
    expect(await db().query.users.findFirst({ where: eq(users.email, "contractor@outlook.example") })).toMatchObject({
      name: "Casey Contractor",
      emailVerified: null,
    });
    expect(await membershipOf("contractor@outlook.example", fabrikamId)).toMatchObject({ source: "oidc", kind: "member", roles: [] });
    expect(await lastEvent(fabrikamId)).toMatchObject({
      action: "member.added",
      details: { source: "oidc", justInTime: "tenant", tenantId: FABRIKAM_TENANT },
    });
  });

  it("H2: never makes a guest of the tenant a member just in time", async () => {
    for (const guest of [
      { acct: 1, email: "guest.one@partner.example", xms_edov: true },
      { idp: "live.com", email: "guest.two@partner.example", xms_edov: true },
    ]) {
      expect(await decide(entra({ tid: FABRIKAM_TENANT, ...guest }))).toMatchObject({
        outcome: "refuse",
        reason: "a guest of the Entra tenant is not made a member just in time",
      });
    }
    // A guest UPN is no address at all.
    expect(await decide(entra({ tid: FABRIKAM_TENANT, preferred_username: "guest_partner.example#EXT#@fabrikam.onmicrosoft.com" }))).toMatchObject({
      outcome: "refuse",
    });
    expect(await userIdOf("guest.one@partner.example")).toBeUndefined();
  });

  it("H3: a domain rule for an Entra sign-in needs an address the tenant verified, from a tenant the organisation trusts", async () => {
    // Northwind lists no tenant: it trusts the deployment's tenant only.
    expect(await decide(entra({ email: "new@northwind.example", preferred_username: "someone@contoso.onmicrosoft.com" }))).toMatchObject({
      outcome: "refuse",
    });
    expect(await decide(entra({ tid: STRANGER_TENANT, email: "new@northwind.example", xms_edov: true }))).toMatchObject({ outcome: "refuse" });
    expect(await decide(entra({ tid: STRANGER_TENANT, preferred_username: "new@northwind.example" }))).toMatchObject({ outcome: "refuse" });
    // Fabrikam lists its own tenant: a stranger tenant's token for a fabrikam.example address is not believed.
    expect(await decide(entra({ tid: STRANGER_TENANT, email: "spoof@fabrikam.example", xms_edov: true }))).toMatchObject({ outcome: "refuse" });
    expect(await decide(entra({ preferred_username: "new@northwind.example" }))).toMatchObject({
      outcome: "join",
      organisationId: northwindId,
      rule: "domain",
    });
  });

  it("L2: matches a domain on this sign-in's verified address, and joins on the same one, never the stored one", async () => {
    // A person linked to an identity of the deployment's tenant, stored under an old address.
    await db().insert(users).values({ email: "moved@old.example" });
    const identity = entra({ preferred_username: "moved@northwind.example" }).identity;
    await link("moved@old.example", identity);
    expect(await admit({ method: ENTRA_PROVIDER_ID, identity })).toMatchObject({ userId: await userIdOf("moved@old.example"), organisationId: northwindId, joined: true });
    expect(await lastEvent(northwindId)).toMatchObject({ action: "member.added", details: { justInTime: "domain", domain: "northwind.example" } });

    // A person stored under a Northwind address whose token now vouches for none is not joined on the stored one.
    await db().insert(users).values({ email: "stale@northwind.example" });
    const stale = entra({ preferred_username: "not-an-address" }).identity;
    await link("stale@northwind.example", stale);
    expect(await decide({ method: ENTRA_PROVIDER_ID, identity: stale })).toMatchObject({ outcome: "refuse", reason: "not a member" });
  });

  it.each([
    "someone@evil-fabrikam.example",
    "someone@fabrikam.example.evil.example",
    "someone@sub.fabrikam.example",
    "someone@fabrikam.examplee",
    "fabrikam.example@evil.example",
  ])("refuses %s: domains match exactly, after the last @", async (email) => {
    expect(await admit({ method: "resend", email })).toBeNull();
    expect(await userIdOf(email)).toBeUndefined();
  });

  it("never re-admits a disabled member just in time", async () => {
    const admitted = await admit({ method: "resend", email: "leaver@fabrikam.example" });
    await db().update(memberships).set({ disabledAt: new Date() }).where(eq(memberships.userId, admitted!.userId));
    expect(await admit({ method: "resend", email: "leaver@fabrikam.example" })).toBeNull();
    expect(await lastEvent(fabrikamId)).toMatchObject({ action: "auth.refused", details: { reason: "membership disabled" } });
    expect(await decide(entra({ tid: FABRIKAM_TENANT, email: "leaver@fabrikam.example", xms_edov: true }))).toMatchObject({
      outcome: "refuse",
    });
  });

  it("M4: nor under an alias: a +tag on the address, or the object id of their linked identity", async () => {
    // leaver@fabrikam.example was disabled in the test above.
    expect(await admit({ method: "resend", email: "Leaver+Again@fabrikam.example" }, { ip: "198.51.100.8" })).toBeNull();
    expect(await lastEvent(fabrikamId)).toMatchObject({
      action: "auth.refused",
      actorEmail: "leaver@fabrikam.example",
      details: { reason: "a disabled member has this identity or address" },
    });
    expect(await userIdOf("leaver+again@fabrikam.example")).toBeUndefined();
    expect(await decide(entra({ tid: FABRIKAM_TENANT, preferred_username: "leaver+x@fabrikam.example" }))).toMatchObject({
      outcome: "refuse",
      reason: "a disabled member has this identity or address",
    });
    // Their identity was linked in one tenant; the same object comes back by another, under a new name.
    const objectId = randomUUID();
    await link("leaver@fabrikam.example", { tenantId: STRANGER_TENANT, objectId });
    expect(await decide(entra({ tid: FABRIKAM_TENANT, oid: objectId, preferred_username: "renamed@fabrikam.example" }))).toMatchObject({
      outcome: "refuse",
      reason: "a disabled member has this identity or address",
    });
    // Someone else of the domain is not caught by it.
    expect(await decide({ method: "resend", email: "leaver2@fabrikam.example" })).toMatchObject({ outcome: "join" });
  });

  it("refuses everyone else, quietly: no organisation's log is theirs", async () => {
    const before = await db().$count(auditEvents);
    expect(await admit({ method: "resend", email: "mallory@evil.example" })).toBeNull();
    expect(await admit(entra({ tid: STRANGER_TENANT, email: "mallory@evil.example", xms_edov: true }))).toBeNull();
    expect(await db().$count(auditEvents)).toBe(before);
    expect(await userIdOf("mallory@evil.example")).toBeUndefined();
  });

  it("never makes a demo sign-in just in time", async () => {
    expect(await decide({ method: "demo", email: "demo-only@fabrikam.example" })).toMatchObject({ outcome: "refuse" });
  });

  it("audits a refused demo sign-in as auth.refused where the person has a log: a disabled demo member, a real organisation's member", async () => {
    const requester2 = (await userIdOf("requester2@contoso.com"))!;
    const own = and(eq(memberships.userId, requester2), eq(memberships.organisationId, f.organisationId));
    await db().update(memberships).set({ disabledAt: new Date() }).where(own);
    try {
      const client = { ip: "203.0.113.77", userAgent: "Demo picker" };
      expect(await admitSignIn(db(), { attempt: { method: "demo", email: "requester2@contoso.com" }, client })).toBeNull();
      expect(await lastEvent(f.organisationId)).toMatchObject({
        action: "auth.refused",
        actorId: requester2,
        ip: "203.0.113.77",
        details: { method: "demo", reason: "membership disabled" },
      });
    } finally {
      await db().update(memberships).set({ disabledAt: null }).where(own);
    }
    // Fabrikam is no demo: one click must not make anyone its member, and its log hears of the try.
    const [person] = await db().insert(users).values({ email: "ops@fabrikam.example" }).returning();
    await db().insert(memberships).values({ organisationId: fabrikamId, userId: person!.id, roles: ["global_admin"] });
    expect(await admitSignIn(db(), { attempt: { method: "demo", email: "ops@fabrikam.example" } })).toBeNull();
    expect(await lastEvent(fabrikamId)).toMatchObject({
      action: "auth.refused",
      actorId: person!.id,
      details: { method: "demo", reason: "demo sign-in opens demo organisations only" },
    });
  });

  it("M3: a demo sign-in opens a demo organisation only, never a real one of the same person", async () => {
    // An older, real organisation that the demo requester also belongs to.
    const [real] = await db()
      .insert(organisations)
      .values({ slug: "realco", name: "Realco", createdAt: new Date("2000-01-01T00:00:00Z") })
      .returning();
    const requester = (await userIdOf("requester@contoso.com"))!;
    await db().insert(memberships).values({ organisationId: real!.id, userId: requester });
    try {
      expect(await decide({ method: "resend", email: "requester@contoso.com" })).toMatchObject({ organisationId: real!.id });
      expect(await decide({ method: "demo", email: "requester@contoso.com" })).toMatchObject({ outcome: "member", organisationId: f.organisationId });
      await expect(startSession(db(), { userId: requester, organisationId: real!.id, method: "demo" })).rejects.toBeInstanceOf(SignInRefusedError);
      await expect(startSession(db(), { userId: requester, organisationId: f.organisationId, method: "demo" })).resolves.toMatchObject({
        organisationId: f.organisationId,
      });
      await db().update(memberships).set({ disabledAt: new Date() }).where(and(eq(memberships.userId, requester), eq(memberships.organisationId, f.organisationId)));
      expect(await decide({ method: "demo", email: "requester@contoso.com" })).toMatchObject({ outcome: "refuse" });
    } finally {
      await db().update(memberships).set({ disabledAt: null }).where(eq(memberships.userId, requester));
      await db().delete(memberships).where(eq(memberships.organisationId, real!.id));
      await db().delete(organisations).where(eq(organisations.id, real!.id));
    }
  });

  it("lets a member an administrator added (never signed in, no verified email) sign in by magic link and by Entra", async () => {
    const [invited] = await db().insert(users).values({ email: "invited@contoso.com", name: "Invited Person" }).returning();
    await db().insert(memberships).values({ organisationId: f.organisationId, userId: invited!.id, invitedAt: new Date() });
    expect(await admit({ method: "resend", email: "invited@contoso.com" })).toMatchObject({
      userId: invited!.id,
      organisationId: f.organisationId,
      joined: false,
    });
    const admitted = await admit(entra({ preferred_username: "Invited@contoso.com" }));
    expect(admitted).toMatchObject({ userId: invited!.id, organisationId: f.organisationId });
    expect((await membershipOf("invited@contoso.com", f.organisationId))?.lastSignInAt).toBeNull();
    await startSession(db(), { ...admitted!, method: ENTRA_PROVIDER_ID });
    expect((await membershipOf("invited@contoso.com", f.organisationId))?.lastSignInAt).toBeInstanceOf(Date);
  });

  it("sends a magic link to a just-in-time address without making the membership yet, and to no stranger", async () => {
    const sent = () => db().select().from(emailOutbox).where(eq(emailOutbox.kind, "sign-in"));
    const before = (await sent()).length;
    // Without a Resend key (as here) links go to the dev mailbox, which holds demo organisations' only.
    await db().update(organisations).set({ demo: true }).where(eq(organisations.id, fabrikamId));
    try {
      await sendSignInLink(db(), { email: "first.timer@fabrikam.example", url: "http://localhost:3000/api/auth/callback/resend?token=t1" });
      const mail = (await sent()).slice(before);
      expect(mail).toMatchObject([{ toEmail: "first.timer@fabrikam.example", organisationId: fabrikamId }]);
      expect(await userIdOf("first.timer@fabrikam.example")).toBeUndefined();
      await sendSignInLink(db(), { email: "someone@evil-fabrikam.example", url: "http://localhost:3000/api/auth/callback/resend?token=t2" });
      expect((await sent()).length).toBe(before + 1);
    } finally {
      await db().update(organisations).set({ demo: false }).where(eq(organisations.id, fabrikamId));
    }
  });

  it("never keeps a real organisation's sign-in link in the dev mailbox, which anyone may open", async () => {
    const sent = () => db().select().from(emailOutbox).where(eq(emailOutbox.kind, "sign-in"));
    const before = (await sent()).length;
    await sendSignInLink(db(), { email: "first.timer@northwind.example", url: "http://localhost:3000/api/auth/callback/resend?token=t3" });
    expect((await sent()).length).toBe(before);
    const mailbox = (await listDevMailbox(db())) ?? [];
    expect(mailbox.some((m) => m.toEmail.endsWith("@fabrikam.example") || m.toEmail.endsWith("@northwind.example"))).toBe(false);
  });
});

describe.each(testDatabaseKinds)("sign-in rate limits on %s", (kind) => {
  let f: ContosoFixture;
  beforeAll(async () => {
    f = await contosoFixture(kind);
  });
  afterAll(() => f.database.destroy());

  it("count an identity coming back from Microsoft like an email, apart from its address", async () => {
    const identity = `entra:${CONTOSO_TENANT}:${randomUUID()}`;
    // 20 per address by default, so a quarter of that (5) per identity.
    for (let attempt = 0; attempt < 5; attempt++) await limitSignIn(f.database.db, { identity });
    expect(await codeOf(limitSignIn(f.database.db, { identity }))).toBe("rate-limited:sign-in-email");
    // The address is counted on its own, and is not used up by the identity's attempts.
    await expect(limitSignIn(f.database.db, { ip: "203.0.113.50" })).resolves.toBeUndefined();
  });

  it("L1: count every magic link where it is sent, per email and per address, members or not", async () => {
    const send = (email: string, ip?: string) =>
      sendSignInLink(f.database.db, { email, ip, url: `http://localhost:3000/api/auth/callback/resend?token=${randomUUID()}` });
    // A POST straight to /api/auth/signin/resend reaches this without the sign-in form's check.
    for (let attempt = 0; attempt < 5; attempt++) await send("requester@contoso.com");
    expect(await codeOf(send("requester@contoso.com"))).toBe("rate-limited:sign-in-email");
    for (let attempt = 0; attempt < 5; attempt++) await send("nobody@evil.example");
    expect(await codeOf(send("Nobody@Evil.example"))).toBe("rate-limited:sign-in-email");
    for (let attempt = 0; attempt < 20; attempt++) await send(`guess${attempt}@evil.example`, "203.0.113.60");
    expect(await codeOf(send("auditor@contoso.com", "203.0.113.60"))).toBe("rate-limited:sign-in-ip");
  });
});
