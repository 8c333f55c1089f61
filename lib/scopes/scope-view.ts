import type { Database } from "@/db/client";
import type { Scope } from "@/db/schema";
import type { Actor } from "@/lib/auth/roles";
import { getCatalog } from "@/lib/catalog/get-catalog";

/** The API's Scope object: the scope and its whole catalog, read through the catalog's one reader. */
export async function scopeObjectOf(db: Database, actor: Actor, scope: Scope) {
  const catalog = await getCatalog(db, { actor, scope: scope.name });
  return {
    name: scope.name,
    description: scope.description,
    kind: scope.kind,
    version: scope.version,
    tasks: catalog.tasks.map(({ name, description }) => ({ name, description })),
    roles: catalog.roles.map(({ name, description, tasks }) => ({ name, description, tasks })),
    roleGroups: catalog.roleGroups.map(({ name, description, roles }) => ({ name, description, roles })),
  };
}

export type ScopeObject = Awaited<ReturnType<typeof scopeObjectOf>>;
