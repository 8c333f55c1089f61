import { sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import type { Policy } from "@/db/schema";
import type { ResolvedTarget } from "@/lib/catalog/resolve-target";
import { reachOfTask, strictestFirst, targetsRole, targetsRoleGroup, targetsTask } from "./coverage";

/**
 * The enabled policies that cover a requested target, strictest first (the rule is in coverage.ts).
 * A role is covered by a policy on it or on a role group containing it; a role group by a policy
 * on itself.
 */
export async function findCoveringPolicies(db: Executor, organisationId: string, target: ResolvedTarget) {
  const id = sql`${target.id}::uuid`;
  const coverage =
    target.type === "task" ? targetsTask("p", reachOfTask(id)) : target.type === "role" ? targetsRole("p", id) : targetsRoleGroup("p", id);
  const result = await db.execute(sql`
    select p.id from policies p
    where p.organisation_id = ${organisationId} and p.enabled and ${coverage}
    order by ${strictestFirst("p")}`);
  const ids = (result as unknown as { rows: { id: string }[] }).rows.map((row) => row.id);
  if (ids.length === 0) return [];
  const rows = await db.query.policies.findMany({ where: (p, { inArray }) => inArray(p.id, ids) });
  return ids.map((id) => rows.find((row) => row.id === id)!) as Policy[];
}
