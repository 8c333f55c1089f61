import { type SQL, and, eq, isNull, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { memberships, organisations, users } from "@/db/schema";
import type { Actor } from "./roles";

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
      standingRoleGroups: sql<string[]>`coalesce((
        select json_agg(rg.name order by rg.name)
        from role_group_assignments a join role_groups rg on rg.id = a.role_group_id
        where a.user_id = ${memberships.userId} and a.organisation_id = ${memberships.organisationId}), '[]'::json)`,
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

/** The same for the member an API token belongs to, found by the token's hash; null if none. */
export async function loadActorByTokenHash(db: Executor, tokenHash: string) {
  const [token] = await db.execute(sql`
    select id, user_id, organisation_id, last_used_at from api_tokens
    where token_hash = ${tokenHash} and revoked_at is null and expires_at > now()`).then(
    (result) => (result as unknown as { rows: { id: string; user_id: string; organisation_id: string; last_used_at: Date | null }[] }).rows,
  );
  if (!token) return null;
  const actor = await loadActor(db, token.user_id, token.organisation_id);
  return actor ? { actor, tokenId: token.id, lastUsedAt: token.last_used_at ? new Date(token.last_used_at) : null } : null;
}
