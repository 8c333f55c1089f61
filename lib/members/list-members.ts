import { and, asc, eq, sql } from "drizzle-orm";
import type { Database, Executor } from "@/db/client";
import { type AppRole, memberships, users } from "@/db/schema";
import { standingRoleGroupNames } from "@/lib/auth/load-actor";
import type { Actor } from "@/lib/auth/roles";
import { authorizeSettingsAdmin } from "@/lib/settings/authorize-settings-admin";

/** One member as the settings screen shows them: who, how they are in, and what they hold. */
export interface MemberView {
  userId: string;
  email: string;
  name: string | null;
  kind: "member" | "guest";
  roles: AppRole[];
  excludedFromPam: boolean;
  disabled: boolean;
  disabledAt: string | null;
  approverGroups: string[];
  standingRoleGroups: string[];
  createdAt: string;
}

/** The organisation's members (disabled ones too), by email: the settings screen's users section. */
export async function listMembers(db: Database, { actor }: { actor: Actor }): Promise<MemberView[]> {
  authorizeSettingsAdmin(actor);
  return selectMembers(db, actor.organisationId);
}

/** The same view for one member (by user id) or all; also what `updateMember` answers with. */
export async function selectMembers(db: Executor, organisationId: string, userId?: string): Promise<MemberView[]> {
  const rows = await db
    .select({
      userId: users.id,
      email: users.email,
      name: users.name,
      kind: memberships.kind,
      roles: memberships.roles,
      excludedFromPam: memberships.excludedFromPam,
      disabledAt: memberships.disabledAt,
      createdAt: memberships.createdAt,
      approverGroups: sql<string[]>`coalesce((
        select json_agg(g.name order by g.name)
        from approver_group_members gm join approver_groups g on g.id = gm.group_id
        where gm.user_id = ${memberships.userId} and gm.organisation_id = ${memberships.organisationId}), '[]'::json)`,
      standingRoleGroups: standingRoleGroupNames(memberships.userId, memberships.organisationId),
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(eq(memberships.organisationId, organisationId), userId === undefined ? undefined : eq(memberships.userId, userId)),
    )
    .orderBy(asc(users.email));
  return rows.map((row) => ({
    ...row,
    disabled: row.disabledAt !== null,
    disabledAt: row.disabledAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  }));
}
