import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { inTurn } from "@/db/in-turn";
import { roleGroups, roles, scopes, tasks } from "@/db/schema";
import { auditActorOf } from "@/lib/audit/audit-actor";
import { auditOf, auditedTransaction } from "@/lib/audit/audited-transaction";
import { authorize } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/roles";
import { DomainError } from "@/lib/errors";
import { findScope, refuseBuiltin } from "./find-scope";
import { type CatalogEntryRef, describeUses, lockEntries, usesOf } from "./scope-target-uses";

/**
 * Removes an external scope and its whole catalog, refused while anything relies on it: a policy on
 * one of its tasks, roles or role groups, an open request for one, or a standing assignment of one
 * of its role groups. Built-in scopes stay. Audited as `scope.removed` with what it held.
 */
export async function removeScope(db: Database, { actor, name }: { actor: Actor; name: string }) {
  authorize(actor, "manage-scopes");
  return auditedTransaction(db, async (tx) => {
    const scope = await findScope(tx, actor.organisationId, name, { lock: true });
    refuseBuiltin(scope, "removed");
    const [taskRows, roleRows, groupRows] = await inTurn([
      tx.select({ id: tasks.id, name: tasks.name }).from(tasks).where(eq(tasks.scopeId, scope.id)),
      tx.select({ id: roles.id, name: roles.name }).from(roles).where(eq(roles.scopeId, scope.id)),
      tx.select({ id: roleGroups.id, name: roleGroups.name }).from(roleGroups).where(eq(roleGroups.scopeId, scope.id)),
    ]);
    const entries: CatalogEntryRef[] = [
      ...taskRows.map((e) => ({ kind: "task" as const, ...e })),
      ...roleRows.map((e) => ({ kind: "role" as const, ...e })),
      ...groupRows.map((e) => ({ kind: "roleGroup" as const, ...e })),
    ];
    await lockEntries(tx, entries);
    const uses = await usesOf(tx, actor.organisationId, entries);
    if (uses.length) {
      throw new DomainError(
        "conflict:scope-in-use",
        `${scope.name} is still in use: ${describeUses(uses)}. End those uses first, then remove it.`,
        undefined,
        { inUse: uses },
      );
    }
    await tx.delete(scopes).where(eq(scopes.id, scope.id));
    const counts = { tasks: taskRows.length, roles: roleRows.length, roleGroups: groupRows.length };
    auditOf(tx).record({
      organisationId: actor.organisationId,
      actor: auditActorOf(actor),
      action: "scope.removed",
      targetType: "scope",
      targetId: scope.id,
      details: { scope: scope.name, kind: scope.kind, version: scope.version, description: scope.description, counts },
    });
    return { name: scope.name, removed: true, counts };
  });
}
