import { type SQL, type SQLWrapper, and, eq, isNull, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { preparedRows } from "@/db/prepared-query";
import { memberships, organisations, users } from "@/db/schema";
import type { Actor } from "./roles";

/** A member's standing role groups by name, as a subquery on their user and organisation columns. */
export function standingRoleGroupNames(userId: SQLWrapper, organisationId: SQLWrapper) {
  return sql<string[]>`coalesce((
    select json_agg(rg.name order by rg.name)
    from role_group_assignments a join role_groups rg on rg.id = a.role_group_id
    where a.user_id = ${userId} and a.organisation_id = ${organisationId}), '[]'::json)`;
}

/**
 * One query for everything a permission check needs: the membership, its organisation, the
 * approver groups and the standing role groups (as subselects). It runs on every page and every
 * API call, so it is a single round trip.
 */
async function selectActor(db: Executor, where: SQL) {
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
      approverGroups: sql<{ id: string; name: string }[]>`coalesce((
        select json_agg(json_build_object('id', g.id, 'name', g.name) order by g.name)
        from approver_group_members gm join approver_groups g on g.id = gm.group_id
        where gm.user_id = ${memberships.userId} and gm.organisation_id = ${memberships.organisationId}), '[]'::json)`,
      standingRoleGroups: standingRoleGroupNames(memberships.userId, memberships.organisationId),
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(and(where, isNull(memberships.disabledAt)));
  return row ?? null;
}

/** The person as a member of one organisation, or null when they are not (or no longer) one. */
export async function loadActor(db: Executor, userId: string, organisationId: string): Promise<Actor | null> {
  return selectActor(db, and(eq(memberships.userId, userId), eq(memberships.organisationId, organisationId))!);
}

export interface TokenActorRow {
  token_id: string;
  last_used_at: Date | string | null;
  user_id: string;
  email: string;
  name: string | null;
  organisation_id: string;
  organisation_name: string;
  kind: "member" | "guest";
  roles: string | string[];
  excluded_from_pam: boolean;
  approver_groups: { id: string; name: string }[];
  standing_role_groups: string[];
}

/**
 * The member an API token belongs to, found by the token's hash, in one prepared statement: this
 * runs on every API call. Null when the token is unknown, expired or revoked, or its member disabled.
 */
export async function loadActorByTokenHash(db: Executor, tokenHash: string) {
  const [row] = await preparedRows<TokenActorRow>(db, "elevate_actor_by_token", tokenActorSql(tokenHash));
  return row ? tokenActorOf(row) : null;
}

/** The token's member as one row (none when refused), for statements that embed it. */
export function tokenActorSql(tokenHash: string) {
  return sql`
    select t.id as token_id, t.last_used_at, u.id as user_id, u.email, u.name, o.id as organisation_id,
      o.name as organisation_name, m.kind, m.roles, m.excluded_from_pam,
      coalesce((select json_agg(json_build_object('id', g.id, 'name', g.name) order by g.name)
        from approver_group_members gm join approver_groups g on g.id = gm.group_id
        where gm.user_id = m.user_id and gm.organisation_id = m.organisation_id), '[]'::json) as approver_groups,
      ${standingRoleGroupNames(sql`m.user_id`, sql`m.organisation_id`)} as standing_role_groups
    from api_tokens t
    join memberships m on m.user_id = t.user_id and m.organisation_id = t.organisation_id and m.disabled_at is null
    join users u on u.id = t.user_id
    join organisations o on o.id = t.organisation_id
    where t.token_hash = ${tokenHash} and t.revoked_at is null and t.expires_at > now()`;
}

export function tokenActorOf(row: TokenActorRow) {
  const actor: Actor = {
    userId: row.user_id,
    email: row.email,
    name: row.name,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
    kind: row.kind,
    // A Postgres enum array arrives as its text form ("{auditor}") from a raw query.
    roles: (Array.isArray(row.roles) ? row.roles : row.roles.replace(/^\{|\}$/g, "").split(",").filter(Boolean)) as Actor["roles"],
    excludedFromPam: row.excluded_from_pam,
    approverGroups: row.approver_groups,
    standingRoleGroups: row.standing_role_groups,
  };
  return { actor, tokenId: row.token_id, lastUsedAt: row.last_used_at ? new Date(row.last_used_at) : null };
}
