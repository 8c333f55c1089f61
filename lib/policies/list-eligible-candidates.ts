import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { memberships, users } from "@/db/schema";
import { authorize } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/roles";

/**
 * The people a policy's "Who may request" can name: the organisation's active members and guests,
 * by email, for the policy editor's picker. Approver groups come from `listApproverGroups`.
 */
export async function listEligibleCandidates(db: Database, { actor }: { actor: Actor }) {
  authorize(actor, "manage-policies");
  return db
    .select({ email: users.email, name: users.name, guest: sql<boolean>`${memberships.kind} = 'guest'` })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organisationId, actor.organisationId), isNull(memberships.disabledAt)))
    .orderBy(asc(users.email));
}

export type EligibleCandidate = Awaited<ReturnType<typeof listEligibleCandidates>>[number];
