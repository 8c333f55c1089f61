import { eq, sql } from "drizzle-orm";
import type { PgSelect } from "drizzle-orm/pg-core";
import { policies, roleGroups, roles, tasks } from "@/db/schema";

/** The name of a policy's target (task, role or role group), in a query joined by `joinPolicyTarget`. */
export const policyTargetName = sql<string>`coalesce(${tasks.name}, ${roles.name}, ${roleGroups.name})`;

/** The joins that find a policy's target: exactly one of the three matches (policies_one_target). */
export function joinPolicyTarget<Query extends PgSelect>(query: Query) {
  return query
    .leftJoin(tasks, eq(tasks.id, policies.taskId))
    .leftJoin(roles, eq(roles.id, policies.roleId))
    .leftJoin(roleGroups, eq(roleGroups.id, policies.roleGroupId));
}
