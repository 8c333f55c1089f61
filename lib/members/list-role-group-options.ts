import { asc, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { roleGroups, scopes } from "@/db/schema";
import { authorize } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/roles";

/** The role groups a member may hold as standing assignments, of every scope: the screens' choices. */
export async function listRoleGroupOptions(db: Database, { actor }: { actor: Actor }) {
  authorize(actor, "view-members");
  return db
    .select({ name: roleGroups.name, description: roleGroups.description, scope: scopes.name })
    .from(roleGroups)
    .innerJoin(scopes, eq(scopes.id, roleGroups.scopeId))
    .where(eq(roleGroups.organisationId, actor.organisationId))
    .orderBy(asc(scopes.name), asc(roleGroups.name));
}
