/**
 * THE coverage rule, once. A policy (or an approved window) on a task covers that task; on a role,
 * every task of the role; on a role group, every task of its roles. When several enabled policies
 * cover a task, the strictest applies: manual before automatic approval, then more required
 * approvals, then the shorter maximum window, then the older policy and the smaller id (so the
 * choice is stable).
 *
 * It is written here twice, for two kinds of caller, and coverage.test.ts holds the two to the
 * same answers over the demo catalog:
 * - as SQL fragments, for the queries that decide (`decideAccess`, `findCoveringPolicies`);
 * - as plain functions over a catalog, for what the screens show (what a policy on a target
 *   reaches, what a grant opens), importable by client components.
 */
import { type SQL, sql } from "drizzle-orm";

// ---- SQL ----------------------------------------------------------------------------------------

/** What can reach a task, as SQL: the task's id, and subqueries of its roles and of their role groups. */
export interface TaskReach {
  taskId: SQL;
  roleIds: SQL;
  roleGroupIds: SQL;
}

/** A task's reach from its id, as subqueries of the catalog tables. */
export function reachOfTask(taskId: SQL): TaskReach {
  return {
    taskId,
    roleIds: sql`select rt.role_id from role_tasks rt where rt.task_id = ${taskId}`,
    roleGroupIds: sql`select rgr.role_group_id from role_group_roles rgr join role_tasks rt on rt.role_id = rgr.role_id where rt.task_id = ${taskId}`,
  };
}

/**
 * Whether the row `alias` (a policy or an access request: both have task_id, role_id and
 * role_group_id, one of them set) targets the task or a role or role group containing it.
 */
export function targetsTask(alias: string, reach: TaskReach): SQL {
  const column = (name: string) => sql.raw(`${alias}.${name}`);
  return sql`(${column("task_id")} = ${reach.taskId}
    or ${column("role_id")} in (${reach.roleIds})
    or ${column("role_group_id")} in (${reach.roleGroupIds}))`;
}

/** For a request on a role (or role group), the policies that cover it: on the role, or on a role group containing it. */
export function targetsRole(alias: string, roleId: SQL): SQL {
  const column = (name: string) => sql.raw(`${alias}.${name}`);
  return sql`(${column("role_id")} = ${roleId}
    or ${column("role_group_id")} in (select role_group_id from role_group_roles where role_id = ${roleId}))`;
}

export function targetsRoleGroup(alias: string, roleGroupId: SQL): SQL {
  return sql`${sql.raw(`${alias}.role_group_id`)} = ${roleGroupId}`;
}

/** ORDER BY terms that put the strictest of the policies `alias` first. */
export function strictestFirst(alias: string): SQL {
  const column = (name: string) => sql.raw(`${alias}.${name}`);
  return sql`(${column("approval_type")} = 'manual') desc, ${column("required_approvals")} desc,
    ${column("max_duration_minutes")} asc, ${column("created_at")} asc, ${column("id")} asc`;
}

// ---- Plain functions ----------------------------------------------------------------------------

export type CoverageTargetType = "task" | "role" | "roleGroup";

/** The part of a scope's catalog the rule reads (what `getCatalog` returns holds it). */
export interface CatalogShape {
  roles: { name: string; tasks: string[] }[];
  roleGroups: { name: string; roles: string[] }[];
}

/** Every task a policy or a grant on the target reaches (for a task: itself), sorted. */
export function tasksReachedBy(catalog: CatalogShape, type: CoverageTargetType, name: string): string[] {
  const tasksOfRole = (role: string) => catalog.roles.find((r) => r.name === role)?.tasks ?? [];
  if (type === "task") return [name];
  if (type === "role") return [...tasksOfRole(name)].sort();
  const roles = catalog.roleGroups.find((g) => g.name === name)?.roles ?? [];
  return [...new Set(roles.flatMap(tasksOfRole))].sort();
}

/** What decides which of two covering policies is stricter. */
export interface Strictness {
  id: string;
  approvalType: "manual" | "auto";
  requiredApprovals: number;
  maxDurationMinutes: number;
  createdAt: Date | string;
}

/** Negative when `a` is stricter than `b`: sorting with it puts the policy that applies first. */
export function compareStrictness(a: Strictness, b: Strictness): number {
  const manual = (p: Strictness) => (p.approvalType === "manual" ? 0 : 1);
  const time = (p: Strictness) => new Date(p.createdAt).getTime();
  return (
    manual(a) - manual(b) ||
    b.requiredApprovals - a.requiredApprovals ||
    a.maxDurationMinutes - b.maxDurationMinutes ||
    time(a) - time(b) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** The enabled policies covering a task, strictest first: the first is the one that applies. */
export function policiesCovering<P extends Strictness & { type: CoverageTargetType; target: string; enabled: boolean }>(
  catalog: CatalogShape,
  policies: P[],
  task: string,
): P[] {
  return policies
    .filter((policy) => policy.enabled && tasksReachedBy(catalog, policy.type, policy.target).includes(task))
    .sort(compareStrictness);
}
