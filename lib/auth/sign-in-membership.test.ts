import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accounts, auditEvents, emailOutbox, memberships, organisations, users } from "@/db/schema";
import { type ContosoFixture, codeOf, contosoFixture } from "@/db/testing/contoso-fixture";
import { testDatabaseKinds } from "@/db/testing/test-database";
import { sendSignInLink } from "@/lib/notify/send-sign-in-link";
import { admitSignIn } from "./admit-sign-in";
import { decideSignIn } from "./decide-sign-in";
import { ENTRA_PROVIDER_ID, entraAccountId, entraIdentityOf, entraProfile } from "./entra-identity";
import { limitSignIn } from "./limit-sign-in";
import { startSession } from "./sessions";

const CONTOSO_TENANT = "11111111-1111-4111-8111-111111111111";
const FABRIKAM_TENANT = "22222222-2222-4222-8222-222222222222";
const STRANGER_TENANT = "33333333-3333-4333-8333-333333333333";

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
    expect(entraProfile(claims({ oid, email: "Adele@Contoso.com" }))).toEqual({
      id: `${CONTOSO_TENANT}:${oid.toLowerCase()}`,
      name: "Someone",
      email: "adele@contoso.com",
      image: null,
    });
  });

  it("fall back from an unverified or missing email to the UPN, and refuse tokens without tid/oid", () => {
    expect(entraIdentityOf(claims({ preferred_username: "adele@contoso.com" }))?.email).toBe("adele@contoso.com");
    expect(entraIdentityOf(claims({ email: "boss@contoso.com", xms_edov: false, preferred_username: "me@contoso.com" }))?.email).toBe(
      "me@contoso.com",
    );
    expect(entraIdentityOf(claims({ email: "boss@contoso.com", email_verified: false }))?.email).toBeNull();
    expect(entraIdentityOf(claims({ preferred_username: "not an address" }))?.email).toBeNull();
    expect(entraIdentityOf(claims({ tid: undefined }))).toBeNull();
    expect(entraIdentityOf(claims({ oid: "'; drop table users; --" }))).toBeNull();
    expect(entraProfile(claims({ tid: "common" })).id).toMatch(/^invalid:/);
  });
});

describe.each(testDatabaseKinds)("who signs in, and where, on %s", (kind) => {
  let f: ContosoFixture;
  let fabrikamId: string;
  beforeAll(async () => {
    f = await contosoFixture(kind);
    const [fabrikam] = await db()
      .insert(organisations)
      .values({ slug: "fabrikam", name: "Fabrikam", jitEmailDomains: ["fabrikam.example"], jitEntraTenantIds: [FABRIKAM_TENANT] })
      .returning();
    fabrikamId = fabrikam!.id;
  });
  afterAll(() => f.database.destroy());
  const db = () => f.database.db;

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

  it("finds a member by the token's verified email first, then by the linked identity even without one", async () => {
    const first = entra({ email: "requester@contoso.com" });
    expect(await decideSignIn(db(), first)).toMatchObject({ outcome: "member", email: "requester@contoso.com", organisationId: f.organisationId });
    await link("requester@contoso.com", first.identity);
    // Later tokens may carry no email and a UPN that is not the member's address.
    const again = entraIdentityOf(claims({ oid: first.identity.objectId, preferred_username: "adele.vance@contoso.onmicrosoft.com" }))!;
    expect(await decideSignIn(db(), { method: ENTRA_PROVIDER_ID, identity: again })).toMatchObject({
      outcome: "member",
      email: "requester@contoso.com",
    });
  });

  it("matches on the UPN when the token has no email", async () => {
    expect(await decideSignIn(db(), entra({ preferred_username: "Auditor@Contoso.com" }))).toMatchObject({
      outcome: "member",
      email: "auditor@contoso.com",
    });
  });

  it("does not let a second Entra identity take over a linked person by claiming their address", async () => {
    const other = entra({ email: "requester@contoso.com" });
    const admitted = await admitSignIn(db(), { attempt: other, client: { ip: "203.0.113.9" } });
    expect(admitted).toBeNull();
    expect(await lastEvent(f.organisationId)).toMatchObject({
      action: "auth.refused",
      actorEmail: "requester@contoso.com",
      ip: "203.0.113.9",
      details: { method: ENTRA_PROVIDER_ID, reason: "another Entra identity is linked to this person" },
    });
  });

  it("refuses a token with no usable address that is not linked", async () => {
    expect(await decideSignIn(db(), entra({ preferred_username: "not-an-address" }))).toMatchObject({ outcome: "refuse" });
  });

  it("believes only the organisation's tenants once it lists any", async () => {
    await db().update(organisations).set({ jitEntraTenantIds: [CONTOSO_TENANT] }).where(eq(organisations.id, f.organisationId));
    try {
      expect(await admitSignIn(db(), { attempt: entra({ tid: STRANGER_TENANT, email: "approver1@contoso.com" }) })).toBeNull();
      expect(await lastEvent(f.organisationId)).toMatchObject({
        action: "auth.refused",
        details: { reason: "the organisation does not accept sign-ins from this Entra tenant", tenantId: STRANGER_TENANT },
      });
      expect(await decideSignIn(db(), entra({ email: "approver1@contoso.com" }))).toMatchObject({ outcome: "member" });
      // A magic link has no tenant: it is not restricted.
      expect(await decideSignIn(db(), { method: "resend", email: "approver1@contoso.com" })).toMatchObject({ outcome: "member" });
    } finally {
      await db().update(organisations).set({ jitEntraTenantIds: [] }).where(eq(organisations.id, f.organisationId));
    }
  });

  it("makes a plain member just in time by email domain on a magic link's use, audited in the same organisation", async () => {
    const admitted = await admitSignIn(db(), {
      attempt: { method: "resend", email: "New.Hire@Fabrikam.example" },
      client: { ip: "198.51.100.4", userAgent: "vitest" },
    });
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
    const again = await admitSignIn(db(), { attempt: { method: "resend", email: "new.hire@fabrikam.example" } });
    expect(again).toMatchObject({ userId: admitted!.userId, organisationId: fabrikamId, joined: false });
    expect(await db().$count(auditEvents, and(eq(auditEvents.action, "member.added"), eq(auditEvents.targetId, admitted!.userId)))).toBe(1);
  });

  it("makes a member just in time by Entra tenant, whatever the address's domain, with source oidc", async () => {
    const attempt = entra({ tid: FABRIKAM_TENANT, email: "contractor@outlook.example", name: "Casey Contractor" });
    const admitted = await admitSignIn(db(), { attempt });
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

  it("makes a member by domain from Entra only when the organisation believes the tenant", async () => {
    // Fabrikam lists its own tenant: a stranger tenant's token for a fabrikam.example address is not believed.
    expect(await decideSignIn(db(), entra({ tid: STRANGER_TENANT, email: "spoof@fabrikam.example" }))).toMatchObject({
      outcome: "refuse",
    });
  });

  it.each([
    "someone@evil-fabrikam.example",
    "someone@fabrikam.example.evil.example",
    "someone@sub.fabrikam.example",
    "someone@fabrikam.examplee",
    "fabrikam.example@evil.example",
  ])("refuses %s: domains match exactly, after the last @", async (email) => {
    expect(await admitSignIn(db(), { attempt: { method: "resend", email } })).toBeNull();
    expect(await userIdOf(email)).toBeUndefined();
  });

  it("never re-admits a disabled member just in time", async () => {
    const admitted = await admitSignIn(db(), { attempt: { method: "resend", email: "leaver@fabrikam.example" } });
    await db().update(memberships).set({ disabledAt: new Date() }).where(eq(memberships.userId, admitted!.userId));
    expect(await admitSignIn(db(), { attempt: { method: "resend", email: "leaver@fabrikam.example" } })).toBeNull();
    expect(await lastEvent(fabrikamId)).toMatchObject({ action: "auth.refused", details: { reason: "membership disabled" } });
    expect(await decideSignIn(db(), entra({ tid: FABRIKAM_TENANT, email: "leaver@fabrikam.example" }))).toMatchObject({
      outcome: "refuse",
    });
  });

  it("refuses everyone else, quietly: no organisation's log is theirs", async () => {
    const before = await db().$count(auditEvents);
    expect(await admitSignIn(db(), { attempt: { method: "resend", email: "mallory@evil.example" } })).toBeNull();
    expect(await admitSignIn(db(), { attempt: entra({ tid: STRANGER_TENANT, email: "mallory@evil.example" }) })).toBeNull();
    expect(await db().$count(auditEvents)).toBe(before);
    expect(await userIdOf("mallory@evil.example")).toBeUndefined();
  });

  it("never makes a demo sign-in just in time", async () => {
    expect(await decideSignIn(db(), { method: "demo", email: "demo-only@fabrikam.example" })).toMatchObject({ outcome: "refuse" });
  });

  it("lets a member an administrator added (never signed in, no verified email) sign in by magic link and by Entra", async () => {
    const [invited] = await db().insert(users).values({ email: "invited@contoso.com", name: "Invited Person" }).returning();
    await db().insert(memberships).values({ organisationId: f.organisationId, userId: invited!.id, invitedAt: new Date() });
    expect(await admitSignIn(db(), { attempt: { method: "resend", email: "invited@contoso.com" } })).toMatchObject({
      userId: invited!.id,
      organisationId: f.organisationId,
      joined: false,
    });
    const admitted = await admitSignIn(db(), { attempt: entra({ email: "Invited@contoso.com" }) });
    expect(admitted).toMatchObject({ userId: invited!.id, organisationId: f.organisationId });
    expect((await membershipOf("invited@contoso.com", f.organisationId))?.lastSignInAt).toBeNull();
    await startSession(db(), { ...admitted!, method: ENTRA_PROVIDER_ID });
    expect((await membershipOf("invited@contoso.com", f.organisationId))?.lastSignInAt).toBeInstanceOf(Date);
  });

  it("sends a magic link to a just-in-time address without making the membership yet, and to no stranger", async () => {
    const sent = () => db().select().from(emailOutbox).where(eq(emailOutbox.kind, "sign-in"));
    const before = (await sent()).length;
    await sendSignInLink(db(), { email: "first.timer@fabrikam.example", url: "http://localhost:3000/api/auth/callback/resend?token=t1" });
    const mail = (await sent()).slice(before);
    expect(mail).toMatchObject([{ toEmail: "first.timer@fabrikam.example", organisationId: fabrikamId }]);
    expect(await userIdOf("first.timer@fabrikam.example")).toBeUndefined();
    await sendSignInLink(db(), { email: "someone@evil-fabrikam.example", url: "http://localhost:3000/api/auth/callback/resend?token=t2" });
    expect((await sent()).length).toBe(before + 1);
  });
});

describe.each(testDatabaseKinds)("Entra sign-in rate limits on %s", (kind) => {
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
    // The address is counted when the sign-in starts, and is not used up by the identity's attempts.
    await expect(limitSignIn(f.database.db, { ip: "203.0.113.50" })).resolves.toBeUndefined();
  });
});
