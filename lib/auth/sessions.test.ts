import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, memberships, sessions, users } from "@/db/schema";
import { seedDemo } from "@/db/seed/seed-demo";
import { type TestDatabase, createTestDatabase, testDatabaseKinds } from "@/db/testing/test-database";
import { SignInRefusedError, endSession, findLiveSession, startSession } from "./sessions";

describe.each(testDatabaseKinds)("server-side sessions on %s", (kind) => {
  let database: TestDatabase;
  let organisationId: string;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    organisationId = (await seedDemo(database.db)).organisationId;
  });
  afterAll(() => database.destroy());

  const lastEvent = async () =>
    (await database.db.query.auditEvents.findMany({ orderBy: (e, { desc }) => desc(e.seq), limit: 1 }))[0]!;

  it("opens a session for a member and audits the sign-in in their organisation", async () => {
    const session = await startSession(database.db, {
      email: "Requester@Contoso.com",
      method: "demo",
      client: { ip: "203.0.113.7", userAgent: "vitest" },
    });
    expect(session.organisationId).toBe(organisationId);
    expect(await findLiveSession(database.db, session.sessionToken)).toEqual({
      userId: session.userId,
      organisationId,
    });
    expect(await lastEvent()).toMatchObject({
      action: "auth.signed-in",
      actorEmail: "requester@contoso.com",
      ip: "203.0.113.7",
      details: { method: "demo" },
    });
  });

  it("refuses an address that is not a member, and opens nothing", async () => {
    const before = await database.db.$count(sessions);
    await expect(startSession(database.db, { email: "mallory@evil.example", method: "resend" })).rejects.toBeInstanceOf(
      SignInRefusedError,
    );
    expect(await database.db.$count(sessions)).toBe(before);
  });

  it("ends the session on sign-out: the very next check fails, and it is audited once", async () => {
    const session = await startSession(database.db, { email: "auditor@contoso.com", method: "demo" });
    await endSession(database.db, session.sessionToken);
    await endSession(database.db, session.sessionToken);
    expect(await findLiveSession(database.db, session.sessionToken)).toBeNull();
    const signOuts = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "auth.signed-out"), eq(auditEvents.targetId, session.userId)));
    expect(signOuts).toHaveLength(1);
  });

  it("ends every session of a member who is disabled, and refuses them a new one (admitSignIn audits the refusal: sign-in-membership.test.ts)", async () => {
    const session = await startSession(database.db, { email: "requester2@contoso.com", method: "demo" });
    await database.db
      .update(memberships)
      .set({ disabledAt: sql`now()` })
      .where(eq(memberships.userId, session.userId));
    expect(await findLiveSession(database.db, session.sessionToken)).toBeNull();
    await expect(startSession(database.db, { email: "requester2@contoso.com", method: "demo" })).rejects.toBeInstanceOf(
      SignInRefusedError,
    );
  });

  it("does not accept an expired session", async () => {
    const session = await startSession(database.db, { email: "approver1@contoso.com", method: "demo" });
    await database.db
      .update(sessions)
      .set({ expires: new Date(Date.now() - 1000) })
      .where(eq(sessions.sessionToken, session.sessionToken));
    expect(await findLiveSession(database.db, session.sessionToken)).toBeNull();
  });

  it("does not accept a made-up token", async () => {
    expect(await findLiveSession(database.db, "not-a-session")).toBeNull();
    expect(await database.db.$count(users)).toBeGreaterThan(0);
  });
});
