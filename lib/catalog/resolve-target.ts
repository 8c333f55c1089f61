import { and, eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { roleGroups, roles, scopes, tasks } from "@/db/schema";
import { invalidField } from "@/lib/errors";
import { type DbTargetType, targetTypeLabel } from "./target-types";

export interface ResolvedTarget {
  scopeId: string;
  scopeName: string;
  type: DbTargetType;
  id: string;
  name: string;
  /** The three typed references of a policy or request row: exactly one is set. */
  columns: { taskId: string | null; roleId: string | null; roleGroupId: string | null };
}

/** Finds a task, role or role group by name in an organisation's scope, or explains why not. */
export async function resolveTarget(
  db: Executor,
  organisationId: string,
  { scope, type, target }: { scope: string; type: DbTargetType; target: string },
): Promise<ResolvedTarget> {
  const [scopeRow] = await db
    .select({ id: scopes.id, name: scopes.name })
    .from(scopes)
    .where(and(eq(scopes.organisationId, organisationId), eq(scopes.name, scope)));
  if (!scopeRow) throw invalidField("invalid:scope", "scope", `There is no scope named "${scope}".`);

  const table = type === "task" ? tasks : type === "role" ? roles : roleGroups;
  const [row] = await db
    .select({ id: table.id, name: table.name })
    .from(table)
    .where(and(eq(table.scopeId, scopeRow.id), eq(table.name, target)));
  if (!row) {
    throw invalidField(
      "invalid:target",
      "target",
      `"${target}" is not a ${targetTypeLabel[type]} of the ${scopeRow.name} catalog.`,
    );
  }
  return {
    scopeId: scopeRow.id,
    scopeName: scopeRow.name,
    type,
    id: row.id,
    name: row.name,
    columns: {
      taskId: type === "task" ? row.id : null,
      roleId: type === "role" ? row.id : null,
      roleGroupId: type === "role_group" ? row.id : null,
    },
  };
}
