import { sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import type { Policy } from "@/db/schema";
import type { ResolvedTarget } from "@/lib/catalog/resolve-target";

/**
 * The enabled policies that cover a requested target, strictest first. A task is covered by a
 * policy on the task, on a role that contains it, or on a role group that contains such a role; a
 * role by a policy on it or on a role group containing it; a role group by a policy on itself.
 * Strictest: manual before automatic approval, then more required approvals, then the shorter
 * maximum window.
 */
export async function findCoveringPolicies(db: Executor, organisationId: string, target: ResolvedTarget) {
  const coverage =
    target.type === "task"
      ? sql`p.task_id = ${target.id}
          or p.role_id in (select role_id from role_tasks where task_id = ${target.id})
          or p.role_group_id in (select rgr.role_group_id from role_group_roles rgr
                                 join role_tasks rt on rt.role_id = rgr.role_id where rt.task_id = ${target.id})`
      : target.type === "role"
        ? sql`p.role_id = ${target.id}
            or p.role_group_id in (select role_group_id from role_group_roles where role_id = ${target.id})`
        : sql`p.role_group_id = ${target.id}`;
  const result = await db.execute(sql`
    select p.id from policies p
    where p.organisation_id = ${organisationId} and p.enabled and (${coverage})
    order by (p.approval_type = 'manual') desc, p.required_approvals desc, p.max_duration_minutes asc, p.created_at asc, p.id asc`);
  const ids = (result as unknown as { rows: { id: string }[] }).rows.map((row) => row.id);
  if (ids.length === 0) return [];
  const rows = await db.query.policies.findMany({ where: (p, { inArray }) => inArray(p.id, ids) });
  return ids.map((id) => rows.find((row) => row.id === id)!) as Policy[];
}
