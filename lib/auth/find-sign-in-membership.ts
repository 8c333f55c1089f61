import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
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

/** The person's membership of one organisation, if it is active: what a session is opened on. */
export async function findActiveMembership(db: Database, { userId, organisationId }: { userId: string; organisationId: string }) {
  const [row] = await db
    .select({ userId: users.id, email: users.email, organisationId: memberships.organisationId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.userId, userId), eq(memberships.organisationId, organisationId), isNull(memberships.disabledAt)));
  return row ?? null;
}
