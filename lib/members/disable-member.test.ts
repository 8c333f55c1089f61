import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memberships, sessions, verificationTokens } from "@/db/schema";
import { type ContosoFixture, codeOf, contosoFixture } from "@/db/testing/contoso-fixture";
import { testDatabaseKinds } from "@/db/testing/test-database";
import { loadActorByTokenHash } from "@/lib/auth/load-actor";
import { SignInRefusedError, findLiveSession, startSession } from "@/lib/auth/sessions";
import { lockOrganisation } from "@/lib/organisations/lock-organisation";
import { createToken } from "@/lib/tokens/create-token";
import { hashToken } from "@/lib/tokens/token-secret";
import { endSessionsAndTokens } from "./member-guards";
import { lockMember, updateMember } from "./update-member";

/**
 * Disabling a member ends what they hold, and re-enabling them gives nothing back: not a session or
 * token issued in the moment of the disable, nor a sign-in link mailed before it.
 */
describe.each(testDatabaseKinds)("disabling and re-enabling a member on %s", (kind) => {
  let f: ContosoFixture;
  beforeAll(async () => {
    f = await contosoFixture(kind);
  });
  afterAll(() => f.database.destroy());
  const db = () => f.database.db;
  const admin = () => f.actor("admin@contoso.com");
  const setDisabled = async (email: string, disabled: boolean) => updateMember(db(), { actor: await admin(), input: { email, disabled } });

  it("refuses the old session and token after a re-enable, and a token asked for by the member as loaded before the disable", async () => {
    // The member as a page or an API call loaded them, just before an administrator disabled them.
    const loaded = await f.actor("requester@contoso.com");
    const session = await startSession(db(), { userId: loaded.userId, organisationId: f.organisationId, method: "resend" });
    const { token } = await createToken(db(), { actor: loaded, input: { name: "laptop" } });

    await setDisabled("requester@contoso.com", true);
    // The request that loaded them goes on to make a token: refused, not made unrevoked.
    expect(await codeOf(createToken(db(), { actor: loaded, input: { name: "made while disabled" } }))).toBe("unauthorized:membership");
    await expect(startSession(db(), { userId: loaded.userId, organisationId: f.organisationId, method: "resend" })).rejects.toBeInstanceOf(
      SignInRefusedError,
    );

    await setDisabled("requester@contoso.com", false);
    expect(await findLiveSession(db(), session.sessionToken)).toBeNull();
    expect(await loadActorByTokenHash(db(), hashToken(token))).toBeNull();
    const live = await db()
      .select()
      .from(sessions)
      .where(and(eq(sessions.userId, loaded.userId), eq(sessions.organisationId, f.organisationId), sql`${sessions.endedAt} is null`));
    expect(live).toEqual([]);
    // Enabled again, they sign in and make tokens anew.
    const fresh = await createToken(db(), { actor: await f.actor("requester@contoso.com"), input: { name: "new laptop" } });
    expect(await loadActorByTokenHash(db(), hashToken(fresh.token))).not.toBeNull();
  });

  it("voids a sign-in link mailed before the disable: it does not open a session once they are enabled again", async () => {
    const identifier = "requester2@contoso.com";
    await db().insert(verificationTokens).values({ identifier, token: hashToken(`link-${crypto.randomUUID()}`), expires: new Date(Date.now() + 86_400_000) });
    await setDisabled(identifier, true);
    await setDisabled(identifier, false);
    expect(await db().select().from(verificationTokens).where(eq(verificationTokens.identifier, identifier))).toEqual([]);
  });

  // Two connections at once: real Postgres only (PGlite has one).
  it.skipIf(kind !== "postgres")("refuses a sign-in that runs while the disable is being written, rather than leaving its session for a re-enable", async () => {
    const member = await f.actor("approver1@contoso.com");
    let disabled!: () => void;
    let release!: () => void;
    const written = new Promise<void>((resolve) => (disabled = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    // What updateMember does to disable, held open after its last write.
    const disabling = db().transaction(async (tx) => {
      await lockOrganisation(tx, f.organisationId);
      await lockMember(tx, f.organisationId, member.email);
      await tx
        .update(memberships)
        .set({ disabledAt: sql`now()` })
        .where(and(eq(memberships.organisationId, f.organisationId), eq(memberships.userId, member.userId)));
      await endSessionsAndTokens(tx, f.organisationId, member.userId);
      disabled();
      await released;
    });
    await written;

    let settled = false;
    const signingIn = startSession(db(), { userId: member.userId, organisationId: f.organisationId, method: "resend" }).then(
      (session) => ({ session }),
      (error: unknown) => ({ error }),
    );
    void signingIn.finally(() => (settled = true));
    // Until the sign-in is done or waits on a lock held by the disable (no clock involved).
    while (!settled && !(await waitsOnLock())) await new Promise((resolve) => setImmediate(resolve));
    release();
    await disabling;
    const outcome = await signingIn;

    await setDisabled(member.email, false);
    if ("session" in outcome) expect(await findLiveSession(db(), outcome.session.sessionToken)).toBeNull();
    else expect(outcome.error).toBeInstanceOf(SignInRefusedError);
    const live = await db()
      .select()
      .from(sessions)
      .where(and(eq(sessions.userId, member.userId), sql`${sessions.endedAt} is null`));
    expect(live).toEqual([]);
  });

  async function waitsOnLock() {
    const { rows } = (await db().execute(
      sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
    )) as unknown as { rows: { n: number }[] };
    return rows[0]!.n > 0;
  }
});
