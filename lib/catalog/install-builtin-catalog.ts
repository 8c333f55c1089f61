/**
 * Puts a built-in catalog (lib/catalog/builtin) into an organisation, and brings an organisation
 * on an older release of it up to date. Only ever adds: tasks, roles, role groups and the links
 * between them that the organisation lacks. Nothing an organisation made (policies, requests,
 * standing assignments, external scopes) is touched, and nothing is renamed or removed, because
 * those rows name catalog entries.
 */
import { and, eq, notExists, sql } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import { organisations, roleGroupRoles, roleGroups, roleTasks, roles, scopes, tasks } from "@/db/schema";
import { SYSTEM_ACTOR } from "@/lib/audit/append-audit-event";
import { audited, auditedTransaction } from "@/lib/audit/audited-transaction";
import { logger } from "@/lib/log/logger";
import { builtinCatalogs } from "./builtin";
import type { BuiltinCatalog } from "./builtin/builtin-catalog";

export interface CatalogInstallResult {
  scope: string;
  /** The release the organisation had; null when the scope is new to it. */
  fromVersion: number | null;
  toVersion: number;
  added: { tasks: string[]; roles: string[]; roleGroups: string[] };
}

/**
 * Installs or upgrades one built-in catalog in one organisation, in the caller's transaction, and
 * audits it (`scope.registered` for a new scope, `scope.updated` for an upgrade). Null when the
 * organisation is already on this release, or when an external scope of that name is in the way.
 */
export async function installBuiltinCatalog(
  tx: Transaction,
  organisationId: string,
  catalog: BuiltinCatalog,
): Promise<CatalogInstallResult | null> {
  await tx
    .insert(scopes)
    .values({ organisationId, name: catalog.scope, kind: "builtin", description: catalog.description, version: 0 })
    .onConflictDoNothing({ target: [scopes.organisationId, scopes.name] });
  // Locked, so two instances starting at once upgrade one after the other and the second finds nothing to do.
  const [scope] = await tx
    .select()
    .from(scopes)
    .where(and(eq(scopes.organisationId, organisationId), eq(scopes.name, catalog.scope)))
    .for("update");
  if (!scope || scope.kind !== "builtin") {
    logger.warn({ organisationId, scope: catalog.scope }, "catalog: an external scope has the built-in name, so the built-in catalog is not installed");
    return null;
  }
  if (scope.version >= catalog.version) return null;

  const addedTasks = await tx
    .insert(tasks)
    .values(Object.entries(catalog.tasks).map(([name, description]) => ({ organisationId, scopeId: scope.id, name, description })))
    .onConflictDoNothing({ target: [tasks.scopeId, tasks.name] })
    .returning({ name: tasks.name });
  const addedRoles = await tx
    .insert(roles)
    .values(Object.entries(catalog.roles).map(([name, role]) => ({ organisationId, scopeId: scope.id, name, description: role.description })))
    .onConflictDoNothing({ target: [roles.scopeId, roles.name] })
    .returning({ name: roles.name });
  const addedRoleGroups = await tx
    .insert(roleGroups)
    .values(
      Object.entries(catalog.roleGroups).map(([name, group]) => ({ organisationId, scopeId: scope.id, name, description: group.description })),
    )
    .onConflictDoNothing({ target: [roleGroups.scopeId, roleGroups.name] })
    .returning({ name: roleGroups.name });

  const idsOf = async (table: typeof tasks | typeof roles | typeof roleGroups) =>
    new Map(
      (await tx.select({ id: table.id, name: table.name }).from(table).where(eq(table.scopeId, scope.id))).map((r) => [r.name, r.id]),
    );
  const [taskIds, roleIds, roleGroupIds] = [await idsOf(tasks), await idsOf(roles), await idsOf(roleGroups)];
  const roleTaskRows = Object.entries(catalog.roles).flatMap(([role, { tasks: names }]) =>
    names.map((task) => ({ organisationId, roleId: roleIds.get(role)!, taskId: taskIds.get(task)! })),
  );
  const roleGroupRoleRows = Object.entries(catalog.roleGroups).flatMap(([group, { roles: names }]) =>
    names.map((role) => ({ organisationId, roleGroupId: roleGroupIds.get(group)!, roleId: roleIds.get(role)! })),
  );
  if (roleTaskRows.length) await tx.insert(roleTasks).values(roleTaskRows).onConflictDoNothing();
  if (roleGroupRoleRows.length) await tx.insert(roleGroupRoles).values(roleGroupRoleRows).onConflictDoNothing();

  await tx.update(scopes).set({ version: catalog.version, updatedAt: sql`now()` }).where(eq(scopes.id, scope.id));
  const result: CatalogInstallResult = {
    scope: catalog.scope,
    fromVersion: scope.version === 0 ? null : scope.version,
    toVersion: catalog.version,
    added: {
      tasks: addedTasks.map((t) => t.name).sort(),
      roles: addedRoles.map((r) => r.name).sort(),
      roleGroups: addedRoleGroups.map((g) => g.name).sort(),
    },
  };
  // audited: the seed installs catalogs in a transaction of its own that is not audited.
  await audited(tx, async (_tx, audit) =>
    audit.record({
      organisationId,
      actor: SYSTEM_ACTOR,
      action: result.fromVersion === null ? "scope.registered" : "scope.updated",
      targetType: "scope",
      targetId: scope.id,
      details: { kind: "builtin", ...result },
    }),
  );
  return result;
}

/** Every built-in catalog into one organisation: what a new organisation gets. */
export async function installBuiltinCatalogs(tx: Transaction, organisationId: string, catalogs = builtinCatalogs) {
  const results: CatalogInstallResult[] = [];
  for (const catalog of catalogs) {
    const result = await installBuiltinCatalog(tx, organisationId, catalog);
    if (result) results.push(result);
  }
  return results;
}

/**
 * At start: every organisation that lacks a built-in scope or has an older release of it gets the
 * current one, each organisation in a transaction of its own. One query finds them, so a start
 * with everything up to date costs one statement per catalog.
 */
export async function upgradeBuiltinCatalogs(db: Database, catalogs = builtinCatalogs) {
  const upgraded: (CatalogInstallResult & { organisationId: string })[] = [];
  for (const catalog of catalogs) {
    const current = db
      .select({ id: scopes.id })
      .from(scopes)
      .where(
        and(
          eq(scopes.organisationId, organisations.id),
          eq(scopes.name, catalog.scope),
          sql`${scopes.version} >= ${catalog.version}`,
        ),
      );
    const behind = await db.select({ id: organisations.id }).from(organisations).where(notExists(current));
    for (const { id } of behind) {
      const result = await auditedTransaction(db, (tx) => installBuiltinCatalog(tx, id, catalog));
      if (result) upgraded.push({ ...result, organisationId: id });
    }
  }
  return upgraded;
}
