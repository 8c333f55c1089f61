import { type SQL, and, eq, inArray, ne, sql } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import { inTurn } from "@/db/in-turn";
import { roleGroupRoles, roleGroups, roleTasks, roles, scopes, tasks } from "@/db/schema";
import { auditActorOf } from "@/lib/audit/audit-actor";
import { auditOf, auditedTransaction } from "@/lib/audit/audited-transaction";
import { authorize } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/roles";
import { DomainError } from "@/lib/errors";
import { findScope, refuseBuiltin } from "./find-scope";
import { getScope } from "./get-scope";
import { type CatalogEntry, parseCatalog } from "./scope-input";
import { type CatalogEntryRef, describeUses, lockEntries, usesOf } from "./scope-target-uses";

interface StoredEntry {
  id: string;
  name: string;
  description: string;
}

interface EntryDiff<Wanted extends CatalogEntry> {
  added: Wanted[];
  /** Entries kept (matched by name, whatever the case), with what is stored and what is wanted. */
  kept: { stored: StoredEntry; wanted: Wanted }[];
  removed: StoredEntry[];
}

/**
 * Replaces an external scope's whole catalog in one call (`PUT /scopes/{name}`), the way an
 * outside tool publishes what it can do. Everything is checked before anything is written; then
 * the difference from what is stored is applied in one transaction: entries are matched by name
 * whatever the case, so a re-spelled or re-described task keeps its identity and its policies.
 *
 * Nothing still in use may disappear: a task, role or role group a policy names, that an open
 * request is for, or (a role group) that someone holds as a standing assignment. The refusal names
 * each and what uses it. A change bumps the scope's version and is audited as `scope.updated` with
 * the names added, removed and changed; the same catalog again changes nothing and writes nothing.
 */
export async function replaceScopeCatalog(
  db: Database,
  // The catalog as sent (a CatalogInput when it is one): parseCatalog checks it whole, naming bad fields by path.
  { actor, name, input }: { actor: Actor; name: string; input: unknown },
) {
  authorize(actor, "manage-scopes");
  const catalog = parseCatalog(input);
  await auditedTransaction(db, async (tx) => {
    const scope = await findScope(tx, actor.organisationId, name, { lock: true });
    refuseBuiltin(scope, "replaced");

    const [storedTasks, storedRoles, storedGroups, storedRoleTasks, storedGroupRoles] = await inTurn([
      tx.select({ id: tasks.id, name: tasks.name, description: tasks.description }).from(tasks).where(eq(tasks.scopeId, scope.id)),
      tx.select({ id: roles.id, name: roles.name, description: roles.description }).from(roles).where(eq(roles.scopeId, scope.id)),
      tx
        .select({ id: roleGroups.id, name: roleGroups.name, description: roleGroups.description })
        .from(roleGroups)
        .where(eq(roleGroups.scopeId, scope.id)),
      tx
        .select({ ownerId: roleTasks.roleId, memberId: roleTasks.taskId })
        .from(roleTasks)
        .innerJoin(roles, eq(roles.id, roleTasks.roleId))
        .where(eq(roles.scopeId, scope.id)),
      tx
        .select({ ownerId: roleGroupRoles.roleGroupId, memberId: roleGroupRoles.roleId })
        .from(roleGroupRoles)
        .innerJoin(roleGroups, eq(roleGroups.id, roleGroupRoles.roleGroupId))
        .where(eq(roleGroups.scopeId, scope.id)),
    ]);
    const taskDiff = diff(storedTasks, catalog.tasks);
    const roleDiff = diff(storedRoles, catalog.roles);
    const groupDiff = diff(storedGroups, catalog.roleGroups);
    await refuseRoleGroupNamesOfOtherScopes(tx, actor.organisationId, scope.id, groupDiff.added.map((g) => g.name));

    const removed: CatalogEntryRef[] = [
      ...taskDiff.removed.map((e) => ({ kind: "task" as const, id: e.id, name: e.name })),
      ...roleDiff.removed.map((e) => ({ kind: "role" as const, id: e.id, name: e.name })),
      ...groupDiff.removed.map((e) => ({ kind: "roleGroup" as const, id: e.id, name: e.name })),
    ];
    await lockEntries(tx, removed);
    const uses = await usesOf(tx, actor.organisationId, removed);
    if (uses.length) {
      throw new DomainError(
        "conflict:target-in-use",
        `These cannot leave the ${scope.name} catalog while in use: ${describeUses(uses)}. Keep them, or end those uses first.`,
        undefined,
        { inUse: uses },
      );
    }

    // Removals first (their links go with them), then renames and descriptions, then additions.
    await deleteRows(tx, tasks, taskDiff.removed);
    await deleteRows(tx, roles, roleDiff.removed);
    await deleteRows(tx, roleGroups, groupDiff.removed);
    const retitled = {
      task: await updateRows(tx, "tasks", taskDiff.kept),
      role: await updateRows(tx, "roles", roleDiff.kept),
      roleGroup: await updateRows(tx, "role_groups", groupDiff.kept),
    };
    const base = { organisationId: actor.organisationId, scopeId: scope.id };
    const taskIds = idsByName(taskDiff.kept, await insertRows(tx, tasks, taskDiff.added.map((t) => ({ ...base, ...pick(t) }))));
    const roleIds = idsByName(roleDiff.kept, await insertRows(tx, roles, roleDiff.added.map((r) => ({ ...base, ...pick(r) }))));
    const groupIds = idsByName(groupDiff.kept, await insertRows(tx, roleGroups, groupDiff.added.map((g) => ({ ...base, ...pick(g) }))));

    const relinkedRoles = await relink(tx, {
      table: roleTasks,
      owner: roleTasks.roleId,
      owners: catalog.roles.map((r) => ({ id: roleIds.get(r.name.toLowerCase())!, name: r.name, members: r.tasks })),
      memberIds: taskIds,
      stored: storedRoleTasks,
      added: new Set(roleDiff.added.map((r) => r.name.toLowerCase())),
      row: (ownerId, memberId) => ({ organisationId: actor.organisationId, roleId: ownerId, taskId: memberId }),
    });
    const relinkedGroups = await relink(tx, {
      table: roleGroupRoles,
      owner: roleGroupRoles.roleGroupId,
      owners: catalog.roleGroups.map((g) => ({ id: groupIds.get(g.name.toLowerCase())!, name: g.name, members: g.roles })),
      memberIds: roleIds,
      stored: storedGroupRoles,
      added: new Set(groupDiff.added.map((g) => g.name.toLowerCase())),
      row: (ownerId, memberId) => ({ organisationId: actor.organisationId, roleGroupId: ownerId, roleId: memberId }),
    });

    const names = (entries: { name: string }[]) => entries.map((e) => e.name).sort();
    const changed = {
      tasks: [...new Set(retitled.task)].sort(),
      roles: [...new Set([...retitled.role, ...relinkedRoles])].sort(),
      roleGroups: [...new Set([...retitled.roleGroup, ...relinkedGroups])].sort(),
    };
    const added = { tasks: names(taskDiff.added), roles: names(roleDiff.added), roleGroups: names(groupDiff.added) };
    const removedNames = { tasks: names(taskDiff.removed), roles: names(roleDiff.removed), roleGroups: names(groupDiff.removed) };
    const description =
      catalog.description !== undefined && catalog.description !== scope.description
        ? { from: scope.description, to: catalog.description }
        : undefined;
    const anything = [added, removedNames, changed].some((group) => Object.values(group).some((list) => list.length)) || description;
    if (!anything) return;

    const [updated] = await tx
      .update(scopes)
      .set({ version: sql`${scopes.version} + 1`, description: catalog.description ?? scope.description, updatedAt: sql`now()` })
      .where(eq(scopes.id, scope.id))
      .returning({ version: scopes.version });
    auditOf(tx).record({
      organisationId: actor.organisationId,
      actor: auditActorOf(actor),
      action: "scope.updated",
      targetType: "scope",
      targetId: scope.id,
      details: {
        scope: scope.name,
        kind: scope.kind,
        fromVersion: scope.version,
        version: updated!.version,
        added,
        removed: removedNames,
        changed,
        ...(description ? { description } : {}),
      },
    });
  });
  return getScope(db, { actor, name });
}

function diff<Wanted extends CatalogEntry>(stored: StoredEntry[], wanted: Wanted[]): EntryDiff<Wanted> {
  const byName = new Map(stored.map((entry) => [entry.name.toLowerCase(), entry]));
  const result: EntryDiff<Wanted> = { added: [], kept: [], removed: [] };
  const seen = new Set<string>();
  for (const entry of wanted) {
    const key = entry.name.toLowerCase();
    seen.add(key);
    const match = byName.get(key);
    if (match) result.kept.push({ stored: match, wanted: entry });
    else result.added.push(entry);
  }
  result.removed = stored.filter((entry) => !seen.has(entry.name.toLowerCase()));
  return result;
}

const pick = ({ name, description }: CatalogEntry) => ({ name, description });

/** Lower-cased name → id, for kept entries and the rows just inserted. */
function idsByName(kept: { stored: StoredEntry }[], inserted: { id: string; name: string }[]) {
  return new Map([...kept.map((k) => k.stored), ...inserted].map((entry) => [entry.name.toLowerCase(), entry.id]));
}

/** Big catalogs are written in slices: one statement per slice keeps well under any parameter limit. */
const SLICE = 1000;
const slices = <T>(items: T[]) => Array.from({ length: Math.ceil(items.length / SLICE) }, (_, i) => items.slice(i * SLICE, (i + 1) * SLICE));

type EntryTable = typeof tasks | typeof roles | typeof roleGroups;

async function deleteRows(tx: Transaction, table: EntryTable, rows: StoredEntry[]) {
  for (const slice of slices(rows)) await tx.delete(table).where(inArray(table.id, slice.map((r) => r.id)));
}

async function insertRows(
  tx: Transaction,
  table: EntryTable,
  rows: { organisationId: string; scopeId: string; name: string; description: string }[],
) {
  const inserted: { id: string; name: string }[] = [];
  for (const slice of slices(rows)) inserted.push(...(await tx.insert(table).values(slice).returning({ id: table.id, name: table.name })));
  return inserted;
}

/** Kept entries whose spelling or description changed, in one statement per slice; their names. */
async function updateRows(tx: Transaction, table: "tasks" | "roles" | "role_groups", kept: { stored: StoredEntry; wanted: CatalogEntry }[]) {
  const changed = kept.filter(({ stored, wanted }) => stored.name !== wanted.name || stored.description !== wanted.description);
  for (const slice of slices(changed)) {
    const values = sql.join(
      slice.map(({ stored, wanted }) => sql`(${stored.id}::uuid, ${wanted.name}::text, ${wanted.description}::text)`),
      sql`, `,
    );
    await tx.execute(sql`
      update ${sql.identifier(table)} as t set name = v.name, description = v.description
      from (values ${values}) as v(id, name, description) where t.id = v.id`);
  }
  return changed.map(({ wanted }) => wanted.name);
}

/**
 * Makes each owner's links (role → tasks, role group → roles) what the catalog says. Owners whose
 * links are unchanged are left alone; the others are rewritten. Returns the names of kept owners
 * whose links changed.
 */
async function relink<Row extends Record<string, unknown>>(
  tx: Transaction,
  spec: {
    table: typeof roleTasks | typeof roleGroupRoles;
    owner: typeof roleTasks.roleId | typeof roleGroupRoles.roleGroupId;
    owners: { id: string; name: string; members: string[] }[];
    memberIds: Map<string, string>;
    stored: { ownerId: string; memberId: string }[];
    added: Set<string>;
    row: (ownerId: string, memberId: string) => Row;
  },
) {
  const storedByOwner = new Map<string, Set<string>>();
  for (const link of spec.stored) {
    if (!storedByOwner.has(link.ownerId)) storedByOwner.set(link.ownerId, new Set());
    storedByOwner.get(link.ownerId)!.add(link.memberId);
  }
  const rewrite: { id: string; name: string; memberIds: string[]; isNew: boolean }[] = [];
  for (const owner of spec.owners) {
    const memberIds = owner.members.map((name) => spec.memberIds.get(name.toLowerCase())!);
    const isNew = spec.added.has(owner.name.toLowerCase());
    const before = storedByOwner.get(owner.id) ?? new Set<string>();
    const same = !isNew && before.size === memberIds.length && memberIds.every((id) => before.has(id));
    if (!same) rewrite.push({ id: owner.id, name: owner.name, memberIds, isNew });
  }
  const kept = rewrite.filter((owner) => !owner.isNew);
  for (const slice of slices(kept)) await tx.delete(spec.table).where(inArray(spec.owner, slice.map((o) => o.id)) as SQL);
  const rows = rewrite.flatMap((owner) => owner.memberIds.map((memberId) => spec.row(owner.id, memberId)));
  for (const slice of slices(rows)) await tx.insert(spec.table).values(slice as never);
  return kept.map((owner) => owner.name);
}


/**
 * Members' standing role groups are named without their scope (the API, the CSV import and the
 * People screen say "Recipient Management"), so a role group's name must be the organisation's
 * alone: a second one of that name in another scope would make those names ambiguous.
 */
async function refuseRoleGroupNamesOfOtherScopes(tx: Transaction, organisationId: string, scopeId: string, names: string[]) {
  if (names.length === 0) return;
  const lowered = names.map((name) => name.toLowerCase());
  const taken = await tx
    .select({ name: roleGroups.name, scope: scopes.name })
    .from(roleGroups)
    .innerJoin(scopes, eq(scopes.id, roleGroups.scopeId))
    .where(and(eq(roleGroups.organisationId, organisationId), ne(roleGroups.scopeId, scopeId), inArray(sql`lower(${roleGroups.name})`, lowered)));
  if (taken.length === 0) return;
  const fields: Record<string, string[]> = {};
  for (const { name, scope } of taken) {
    const index = lowered.indexOf(name.toLowerCase());
    fields[`roleGroups[${index}].name`] = [`"${name}" is already a role group of ${scope}: role group names are the organisation's, whatever the scope`];
  }
  throw new DomainError(
    "conflict:role-group-name",
    `These role groups are already named in another scope: ${taken.map((t) => `${t.name} (${t.scope})`).join(", ")}. Give them other names.`,
    fields,
  );
}
