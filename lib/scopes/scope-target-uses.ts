import { type SQL, and, count, eq, gt, inArray, or, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Transaction } from "@/db/client";
import { inTurn } from "@/db/in-turn";
import { accessRequests, policies, roleGroupAssignments, roleGroups, roles, taskRuns, tasks } from "@/db/schema";
import { toApiTargetType } from "@/lib/catalog/target-types";

export type EntryKind = "task" | "role" | "roleGroup";

export interface CatalogEntryRef {
  kind: EntryKind;
  id: string;
  name: string;
}

export interface EntryUse {
  kind: EntryKind;
  name: string;
  policies: { id: string; type: "task" | "role" | "roleGroup"; target: string }[];
  openRequests: number;
  standingHolders: number;
  /**
   * Past requests and task runs: the database would delete them with the entry (their rows name it),
   * and an organisation's access history must outlive its catalog.
   */
  history: number;
}

const tables = { task: tasks, role: roles, roleGroup: roleGroups } as const;

/**
 * Locks the entries about to disappear, so a policy or request being written against one now
 * (its foreign-key check) either finishes first and is seen by `usesOf`, or waits and then fails.
 */
export async function lockEntries(tx: Transaction, entries: CatalogEntryRef[]) {
  for (const kind of ["task", "role", "roleGroup"] as const) {
    const ids = entries.filter((e) => e.kind === kind).map((e) => e.id);
    if (ids.length) await tx.select({ id: tables[kind].id }).from(tables[kind]).where(inArray(tables[kind].id, ids)).for("update");
  }
}

/**
 * What still relies on catalog entries: a policy naming one, an open request for one (pending, or
 * approved with a window not yet over), a standing assignment of a role group, and history (past
 * requests and runs). Only entries with a use are returned.
 */
export async function usesOf(tx: Transaction, organisationId: string, entries: CatalogEntryRef[]): Promise<EntryUse[]> {
  if (entries.length === 0) return [];
  const ids = (kind: EntryKind) => entries.filter((e) => e.kind === kind).map((e) => e.id);
  const [taskIds, roleIds, roleGroupIds] = [ids("task"), ids("role"), ids("roleGroup")];
  const naming = (columns: { taskId: AnyPgColumn; roleId: AnyPgColumn; roleGroupId: AnyPgColumn }) =>
    or(
      ...([
        taskIds.length ? inArray(columns.taskId, taskIds) : undefined,
        roleIds.length ? inArray(columns.roleId, roleIds) : undefined,
        roleGroupIds.length ? inArray(columns.roleGroupId, roleGroupIds) : undefined,
      ].filter(Boolean) as SQL[]),
    );
  const [policyRows, requestRows, holderRows, historyRows, runRows] = await inTurn([
    tx
      .select({ id: policies.id, type: policies.targetType, taskId: policies.taskId, roleId: policies.roleId, roleGroupId: policies.roleGroupId })
      .from(policies)
      .where(and(eq(policies.organisationId, organisationId), naming(policies))),
    tx
      .select({
        taskId: accessRequests.taskId,
        roleId: accessRequests.roleId,
        roleGroupId: accessRequests.roleGroupId,
        open: count(),
      })
      .from(accessRequests)
      .where(
        and(
          eq(accessRequests.organisationId, organisationId),
          naming(accessRequests),
          or(eq(accessRequests.status, "pending"), and(eq(accessRequests.status, "approved"), gt(accessRequests.endsAt, sql`now()`))),
        ),
      )
      .groupBy(accessRequests.taskId, accessRequests.roleId, accessRequests.roleGroupId),
    roleGroupIds.length
      ? tx
          .select({ roleGroupId: roleGroupAssignments.roleGroupId, holders: count() })
          .from(roleGroupAssignments)
          .where(inArray(roleGroupAssignments.roleGroupId, roleGroupIds))
          .groupBy(roleGroupAssignments.roleGroupId)
      : Promise.resolve([]),
    tx
      .select({ taskId: accessRequests.taskId, roleId: accessRequests.roleId, roleGroupId: accessRequests.roleGroupId, past: count() })
      .from(accessRequests)
      .where(and(eq(accessRequests.organisationId, organisationId), naming(accessRequests)))
      .groupBy(accessRequests.taskId, accessRequests.roleId, accessRequests.roleGroupId),
    taskIds.length
      ? tx
          .select({ taskId: taskRuns.taskId, runs: count() })
          .from(taskRuns)
          .where(and(eq(taskRuns.organisationId, organisationId), inArray(taskRuns.taskId, taskIds)))
          .groupBy(taskRuns.taskId)
      : Promise.resolve([]),
  ]);
  const idOf = (row: { taskId: string | null; roleId: string | null; roleGroupId: string | null }) => row.taskId ?? row.roleId ?? row.roleGroupId;
  return entries
    .map((entry) => ({
      kind: entry.kind,
      name: entry.name,
      policies: policyRows
        .filter((p) => idOf(p) === entry.id)
        .map((p) => ({ id: p.id, type: toApiTargetType(p.type), target: entry.name })),
      openRequests: requestRows.filter((r) => idOf(r) === entry.id).reduce((n, r) => n + Number(r.open), 0),
      standingHolders: holderRows.filter((h) => h.roleGroupId === entry.id).reduce((n, h) => n + Number(h.holders), 0),
      history:
        historyRows.filter((r) => idOf(r) === entry.id).reduce((n, r) => n + Number(r.past), 0) -
        requestRows.filter((r) => idOf(r) === entry.id).reduce((n, r) => n + Number(r.open), 0) +
        runRows.filter((r) => r.taskId === entry.id).reduce((n, r) => n + Number(r.runs), 0),
    }))
    .filter((use) => use.policies.length || use.openRequests || use.standingHolders || use.history);
}

const kindLabel: Record<EntryKind, string> = { task: "task", role: "role", roleGroup: "role group" };
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** How many entries a refusal describes before it says "and N more"; `details` carries all. */
const DESCRIBED = 5;

/** "task ssh-prod (the policy for task ssh-prod; 1 open request), role group Admins (…)" */
export function describeUses(uses: EntryUse[]) {
  const described = uses.slice(0, DESCRIBED).map((use) => {
    const why = [
      ...use.policies.map(() => `the policy for ${kindLabel[use.kind]} ${use.name}`),
      use.openRequests ? plural(use.openRequests, "open request") : null,
      use.standingHolders ? `the standing role group of ${plural(use.standingHolders, "member")}` : null,
      use.history ? `${plural(use.history, "past request or run")} in the access history` : null,
    ].filter(Boolean);
    return `${kindLabel[use.kind]} ${use.name} (${why.join("; ")})`;
  });
  const more = uses.length - described.length;
  return more > 0 ? `${described.join(", ")} and ${more} more` : described.join(", ");
}
