import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import { memberships, organisations, users } from "@/db/schema";

/**
 * The organisation a person signs in to: their oldest active membership. Only members sign in;
 * null means refuse.
 */
export async function findSignInMembership(db: Database, email: string) {
  const [row] = await db
    .select({ userId: users.id, email: users.email, organisationId: memberships.organisationId })
    .from(users)
    .innerJoin(memberships, and(eq(memberships.userId, users.id), isNull(memberships.disabledAt)))
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(eq(users.email, sql`lower(${email})`))
    .orderBy(asc(organisations.createdAt))
    .limit(1);
  return row ?? null;
}

/**
 * The person's membership of one organisation if it is active, locked for the rest of the
 * transaction: what a session or an API token is issued on (sessions.ts, lib/tokens/create-token.ts).
 *
 * Disabling and removing a member lock the organisation and then the membership FOR UPDATE
 * (lib/members/update-member.ts, remove-member.ts) and end every session and token there is. Taken in
 * the same order here (the organisation, then the membership), the locks make a session or token
 * written at the same moment either commit first, and be ended by the disable, or wait for it and be
 * refused: none is left live for a re-enable to bring back.
 */
export async function lockActiveMembership(tx: Transaction, { userId, organisationId }: { userId: string; organisationId: string }) {
  await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, organisationId)).for("key share");
  const [row] = await tx
    .select({ userId: users.id, email: users.email, organisationId: memberships.organisationId, demo: organisations.demo })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(and(eq(memberships.userId, userId), eq(memberships.organisationId, organisationId), isNull(memberships.disabledAt)))
    // Not FOR SHARE: a sign-in then writes `lastSignInAt` on this row, and two sign-ins upgrading
    // shared locks at once would deadlock.
    .for("no key update", { of: memberships });
  return row ?? null;
}
