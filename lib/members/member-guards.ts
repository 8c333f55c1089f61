import { and, count, eq, isNull, ne, sql } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { type AppRole, apiTokens, memberships, sessions, verificationTokens } from "@/db/schema";
import { DomainError } from "@/lib/errors";

interface MemberState {
  userId: string;
  email: string;
  roles: AppRole[];
  disabledAt: Date | null;
}

/**
 * The one home of "the organisation always keeps an active Global Administrator": refuses a change
 * (`after`: the member's roles and disabled flag once changed, or `"removed"`) that would leave
 * none. Call it after `lockOrganisation`, so two administrators demoting each other at once are
 * judged one after the other.
 */
export async function assertKeepsGlobalAdmin(
  tx: Transaction,
  organisationId: string,
  member: MemberState,
  after: { roles: AppRole[]; disabled: boolean } | "removed",
) {
  const wasActiveAdmin = member.roles.includes("global_admin") && member.disabledAt === null;
  const staysActiveAdmin = after !== "removed" && after.roles.includes("global_admin") && !after.disabled;
  if (!wasActiveAdmin || staysActiveAdmin) return;
  const [row] = await tx
    .select({ value: count() })
    .from(memberships)
    .where(
      and(
        eq(memberships.organisationId, organisationId),
        ne(memberships.userId, member.userId),
        isNull(memberships.disabledAt),
        sql`${memberships.roles} @> array['global_admin']::app_role[]`,
      ),
    );
  if (Number(row?.value ?? 0) === 0) {
    throw new DomainError(
      "conflict:last-global-admin",
      `${member.email} is the last active Global Administrator: make someone else one first.`,
    );
  }
}

/** Nobody removes or disables themselves: another Global Administrator must. */
export function refuseSelfLockout(actorUserId: string, member: MemberState, what: "disable" | "remove" | "demote") {
  if (actorUserId !== member.userId) return;
  const message = {
    disable: "You cannot disable your own account: ask another Global Administrator.",
    remove: "You cannot remove yourself from the organisation: ask another Global Administrator.",
    demote: "You cannot remove your own Global Administrator role: ask another Global Administrator.",
  }[what];
  throw new DomainError("forbidden:self-lockout", message);
}

/**
 * Ends every session and revokes every API token the member has in this organisation, now: the
 * next page or API call is refused whatever else happens, and voids the sign-in links mailed to
 * them and not used yet. Nothing brings any of them back; the person signs in again and makes new
 * tokens once they may. Sessions and tokens being issued at this moment wait for the membership's
 * lock and are refused (lib/auth/find-sign-in-membership.ts lockActiveMembership).
 */
export async function endSessionsAndTokens(tx: Transaction, organisationId: string, userId: string) {
  const ended = await tx
    .update(sessions)
    .set({ endedAt: sql`now()` })
    .where(and(eq(sessions.userId, userId), eq(sessions.organisationId, organisationId), isNull(sessions.endedAt)))
    .returning({ token: sessions.sessionToken });
  const revoked = await tx
    .update(apiTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(apiTokens.userId, userId), eq(apiTokens.organisationId, organisationId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  // A link is the person's, not the membership's (Auth.js keys it by address); an unused one would
  // open a session as soon as the member is enabled again.
  await tx.delete(verificationTokens).where(eq(verificationTokens.identifier, sql`(select email from users where id = ${userId})`));
  return { endedSessions: ended.length, revokedTokens: revoked.length };
}
