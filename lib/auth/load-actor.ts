import { and, asc, eq, isNull } from "drizzle-orm";
import type { Database } from "@/db/client";
import {
  approverGroupMembers,
  approverGroups,
  memberships,
  organisations,
  roleGroupAssignments,
  roleGroups,
  users,
} from "@/db/schema";
import type { Actor } from "./roles";

/** The person as a member of one organisation, or null when they are not (or no longer) one. */
export async function loadActor(db: Database, userId: string, organisationId: string): Promise<Actor | null> {
  const [row] = await db
    .select({
      userId: users.id,
      email: users.email,
      name: users.name,
      organisationId: organisations.id,
      organisationName: organisations.name,
      kind: memberships.kind,
      roles: memberships.roles,
      excludedFromPam: memberships.excludedFromPam,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(
      and(
        eq(memberships.userId, userId),
        eq(memberships.organisationId, organisationId),
        isNull(memberships.disabledAt),
      ),
    );
  if (!row) return null;
  const [groups, standing] = await Promise.all([
    db
      .select({ id: approverGroups.id, name: approverGroups.name })
      .from(approverGroupMembers)
      .innerJoin(approverGroups, eq(approverGroups.id, approverGroupMembers.groupId))
      .where(and(eq(approverGroupMembers.userId, userId), eq(approverGroupMembers.organisationId, organisationId)))
      .orderBy(asc(approverGroups.name)),
    db
      .select({ name: roleGroups.name })
      .from(roleGroupAssignments)
      .innerJoin(roleGroups, eq(roleGroups.id, roleGroupAssignments.roleGroupId))
      .where(and(eq(roleGroupAssignments.userId, userId), eq(roleGroupAssignments.organisationId, organisationId)))
      .orderBy(asc(roleGroups.name)),
  ]);
  return { ...row, approverGroups: groups, standingRoleGroups: standing.map((s) => s.name) };
}
