/**
 * Server-side sessions. The browser's signed cookie only names a session; whether it is still good
 * is decided here on every request, so signing out, expiry and disabling a member end it at once.
 */
import { randomBytes } from "node:crypto";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { memberships, sessions } from "@/db/schema";
import { auditOf, auditedTransaction } from "@/lib/audit/audited-transaction";
import { findSignInMembership, lockActiveMembership } from "./find-sign-in-membership";

export const SESSION_LIFETIME_DAYS = 30;

export interface ClientInfo {
  ip?: string | null;
  userAgent?: string | null;
}

export class SignInRefusedError extends Error {
  readonly code = "forbidden:not-a-member";
  constructor() {
    super("This account is not a member of any organisation on this Elevate, or it is disabled.");
  }
}

/** Whom a session is for: a member of one organisation (as a sign-in admitted them), or by address (their oldest organisation). */
export type SessionSubject = { userId: string; organisationId: string } | { email: string };

/**
 * Opens a session for an active member, notes the sign-in on the membership (`lastSignInAt`) and
 * audits it, in one transaction, with the membership locked (lockActiveMembership) so that a disable
 * at the same moment cannot miss the new session. A demo sign-in (the one-click picker) opens only an
 * organisation made for the demo: the picker proves nothing about the person.
 */
export async function startSession(
  db: Database,
  { method, client = {}, ...subject }: SessionSubject & { method: string; client?: ClientInfo },
) {
  const wanted = "email" in subject ? await findSignInMembership(db, subject.email) : subject;
  if (!wanted) throw new SignInRefusedError();
  const sessionToken = randomBytes(32).toString("base64url");
  const membership = await auditedTransaction(db, async (tx) => {
    const membership = await lockActiveMembership(tx, wanted);
    if (!membership) throw new SignInRefusedError();
    if (method === "demo" && !membership.demo) throw new SignInRefusedError();
    await tx.insert(sessions).values({
      sessionToken,
      userId: membership.userId,
      organisationId: membership.organisationId,
      expires: new Date(Date.now() + SESSION_LIFETIME_DAYS * 24 * 60 * 60 * 1000),
      ip: client.ip ?? null,
      userAgent: client.userAgent ?? null,
    });
    await tx
      .update(memberships)
      .set({ lastSignInAt: sql`now()` })
      .where(and(eq(memberships.userId, membership.userId), eq(memberships.organisationId, membership.organisationId)));
    auditOf(tx).record({
      organisationId: membership.organisationId,
      actor: { type: "user", id: membership.userId, email: membership.email, ...client },
      action: "auth.signed-in",
      targetType: "user",
      targetId: membership.userId,
      details: { method },
    });
    return membership;
  });
  return { sessionToken, userId: membership.userId, organisationId: membership.organisationId };
}

/** The live session behind a token: not ended, not expired, and its member not disabled. */
export async function findLiveSession(db: Database, sessionToken: string) {
  const [row] = await db
    .select({ userId: sessions.userId, organisationId: memberships.organisationId })
    .from(sessions)
    .innerJoin(
      memberships,
      and(
        eq(memberships.userId, sessions.userId),
        eq(memberships.organisationId, sessions.organisationId),
        isNull(memberships.disabledAt),
      ),
    )
    .where(
      and(eq(sessions.sessionToken, sessionToken), isNull(sessions.endedAt), gt(sessions.expires, sql`now()`)),
    );
  return row ?? null;
}

/** Ends a session (sign-out) and audits it. Ending an ended session does nothing. */
export async function endSession(db: Database, sessionToken: string, client: ClientInfo = {}) {
  await auditedTransaction(db, async (tx) => {
    const [ended] = await tx
      .update(sessions)
      .set({ endedAt: sql`now()` })
      .where(and(eq(sessions.sessionToken, sessionToken), isNull(sessions.endedAt)))
      .returning({ userId: sessions.userId, organisationId: sessions.organisationId });
    if (!ended?.organisationId) return;
    auditOf(tx).record({
      organisationId: ended.organisationId,
      actor: { type: "user", id: ended.userId, ...client },
      action: "auth.signed-out",
      targetType: "user",
      targetId: ended.userId,
    });
  });
}
