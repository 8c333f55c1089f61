import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { approverGroupMembers, memberships, organisations, policies, users } from "@/db/schema";
import { seedDemo } from "@/db/seed/seed-demo";
import { type TestDatabase, createTestDatabase, testDatabaseKinds } from "@/db/testing/test-database";
import { bootstrapAdmin } from "@/lib/auth/bootstrap-admin";
import { loadActor } from "@/lib/auth/load-actor";
import { loadConfig } from "@/lib/config";
import { createPolicy } from "@/lib/policies/create-policy";
import { getSetupChecklist } from "./get-setup-checklist";

const production = loadConfig({ DATABASE_URL: "postgres://db.internal/elevate", AUTH_SECRET: "x".repeat(32) });
const withEmailAndEntra = loadConfig({
  DATABASE_URL: "postgres://db.internal/elevate",
  AUTH_SECRET: "x".repeat(32),
  RESEND_API_KEY: "re_test",
  EMAIL_FROM: "Elevate <elevate@example.com>",
  AUTH_MICROSOFT_ENTRA_ID_ID: "client",
  AUTH_MICROSOFT_ENTRA_ID_SECRET: "secret",
  AUTH_MICROSOFT_ENTRA_ID_ISSUER: "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000001/v2.0",
});

describe.each(testDatabaseKinds)("the setup checklist on %s", (kind) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase(kind);
  });
  afterEach(() => database.destroy());
  const db = () => database.db;

  async function member(organisationId: string, email: string, roles: ("global_admin" | "auditor")[] = []) {
    const [user] = await db().insert(users).values({ email }).returning();
    await db().insert(memberships).values({ organisationId, userId: user!.id, roles });
    return (await loadActor(db(), user!.id, organisationId))!;
  }
  const open = (checklist: Awaited<ReturnType<typeof getSetupChecklist>>) =>
    checklist!.items.filter((item) => !item.done).map((item) => item.key);

  it("ticks each step from the data as a new organisation is set up, then is complete", async () => {
    const { organisation } = await bootstrapAdmin(db(), { email: "ops@example.com" });
    const admin = (await loadActor(db(), (await db().query.users.findFirst({ where: eq(users.email, "ops@example.com") }))!.id, organisation.id))!;
    const checklist = await getSetupChecklist(db(), { actor: admin, cfg: production });
    expect(open(checklist)).toEqual(["members", "approvers", "policy", "email", "sign-in"]);
    expect(checklist!.items.find((i) => i.key === "approvers")?.detail).toContain("PAM Approvers has 1 active member");
    expect(checklist!.items.map((i) => i.href)).toEqual([
      "/members",
      "/settings#groups",
      "/settings#pam",
      "/policies/new",
      "/settings/email",
      "/settings#sign-in",
    ]);

    const alex = await member(organisation.id, "alex@example.com");
    expect(open(await getSetupChecklist(db(), { actor: admin, cfg: production }))).toEqual(["approvers", "policy", "email", "sign-in"]);
    await db().insert(approverGroupMembers).values({ organisationId: organisation.id, groupId: organisation.defaultApproverGroupId!, userId: alex.userId });
    await createPolicy(db(), { actor: admin, input: { type: "task", target: "New-JournalRule" } });
    await db().update(organisations).set({ pamEnabled: false }).where(eq(organisations.id, organisation.id));
    expect(open(await getSetupChecklist(db(), { actor: admin, cfg: production }))).toEqual(["pam", "email", "sign-in"]);
    await db().update(organisations).set({ pamEnabled: true }).where(eq(organisations.id, organisation.id));
    const done = await getSetupChecklist(db(), { actor: admin, cfg: withEmailAndEntra });
    expect(done).toMatchObject({ complete: true });
    expect(done!.items.find((i) => i.key === "sign-in")?.detail).toBe("People sign in with email links and Microsoft Entra ID.");
  });

  it("counts only active members who may approve: a disabled member or a guest in the group does not", async () => {
    const { organisation } = await bootstrapAdmin(db(), { email: "ops@example.com" });
    const admin = (await loadActor(db(), (await db().query.users.findFirst({ where: eq(users.email, "ops@example.com") }))!.id, organisation.id))!;
    const guest = await member(organisation.id, "guest@partner.example");
    await db().update(memberships).set({ kind: "guest" }).where(eq(memberships.userId, guest.userId));
    const gone = await member(organisation.id, "gone@example.com");
    await db().update(memberships).set({ disabledAt: new Date() }).where(eq(memberships.userId, gone.userId));
    for (const userId of [guest.userId, gone.userId]) {
      await db().insert(approverGroupMembers).values({ organisationId: organisation.id, groupId: organisation.defaultApproverGroupId!, userId });
    }
    expect(open(await getSetupChecklist(db(), { actor: admin, cfg: production }))).toContain("approvers");
  });

  it("is for administrators only, and the seeded demo has nothing left to do", async () => {
    const { organisationId } = await seedDemo(db());
    const actorOf = async (email: string) =>
      (await loadActor(db(), (await db().query.users.findFirst({ where: eq(users.email, email) }))!.id, organisationId))!;
    expect(await getSetupChecklist(db(), { actor: await actorOf("requester@contoso.com") })).toBeNull();
    expect(await getSetupChecklist(db(), { actor: await actorOf("auditor@contoso.com") })).toBeNull();
    const demo = loadConfig({});
    expect((await getSetupChecklist(db(), { actor: await actorOf("admin@contoso.com"), cfg: demo }))?.complete).toBe(true);
    expect(await db().$count(policies)).toBeGreaterThan(0);
  });
});
