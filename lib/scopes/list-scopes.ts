import { asc, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { scopes } from "@/db/schema";
import type { Actor } from "@/lib/auth/roles";

/**
 * The organisation's scopes, built-in and external, each with how big its catalog is
 * (`GET /scopes`). The catalogs themselves are `getScope`'s: a list of every task of every scope
 * would be large for no one's benefit.
 */
export async function listScopes(db: Database, { actor }: { actor: Actor }) {
  const rows = await db
    .select({
      name: scopes.name,
      description: scopes.description,
      kind: scopes.kind,
      version: scopes.version,
      updatedAt: scopes.updatedAt,
      tasks: sql<number>`(select count(*) from tasks t where t.scope_id = "scopes"."id")::int`,
      roles: sql<number>`(select count(*) from roles r where r.scope_id = "scopes"."id")::int`,
      roleGroups: sql<number>`(select count(*) from role_groups g where g.scope_id = "scopes"."id")::int`,
    })
    .from(scopes)
    .where(eq(scopes.organisationId, actor.organisationId))
    .orderBy(sql`${scopes.kind} = 'external'`, asc(scopes.name));
  return rows.map(({ tasks, roles, roleGroups, updatedAt, ...scope }) => ({
    ...scope,
    counts: { tasks: Number(tasks), roles: Number(roles), roleGroups: Number(roleGroups) },
    updatedAt: updatedAt.toISOString(),
  }));
}

export type ScopeSummary = Awaited<ReturnType<typeof listScopes>>[number];
