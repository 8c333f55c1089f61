import { and, asc, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { roleGroupRoles, roleGroups, roleTasks, roles, scopes, tasks } from "@/db/schema";
import type { Actor } from "@/lib/auth/roles";
import { invalidField } from "@/lib/errors";

/** A scope's tasks, roles and role groups, and which contains which: what policies can target. */
export async function getCatalog(db: Database, { actor, scope = "Exchange" }: { actor: Actor; scope?: string }) {
  const [scopeRow] = await db
    .select()
    .from(scopes)
    .where(and(eq(scopes.organisationId, actor.organisationId), eq(scopes.name, scope)));
  if (!scopeRow) throw invalidField("invalid:scope", "scope", `There is no scope named "${scope}".`);
  const [taskRows, roleRows, groupRows, roleTaskRows, groupRoleRows] = await Promise.all([
    db.select().from(tasks).where(eq(tasks.scopeId, scopeRow.id)).orderBy(asc(tasks.name)),
    db.select().from(roles).where(eq(roles.scopeId, scopeRow.id)).orderBy(asc(roles.name)),
    db.select().from(roleGroups).where(eq(roleGroups.scopeId, scopeRow.id)).orderBy(asc(roleGroups.name)),
    db.select({ roleId: roleTasks.roleId, taskId: roleTasks.taskId }).from(roleTasks).where(eq(roleTasks.organisationId, actor.organisationId)),
    db
      .select({ roleGroupId: roleGroupRoles.roleGroupId, roleId: roleGroupRoles.roleId })
      .from(roleGroupRoles)
      .where(eq(roleGroupRoles.organisationId, actor.organisationId)),
  ]);
  const roleName = new Map(roleRows.map((r) => [r.id, r.name]));
  const taskName = new Map(taskRows.map((t) => [t.id, t.name]));
  return {
    scope: scopeRow.name,
    tasks: taskRows.map((t) => ({
      name: t.name,
      description: t.description,
      roles: roleTaskRows.filter((rt) => rt.taskId === t.id).map((rt) => roleName.get(rt.roleId)!).filter(Boolean).sort(),
    })),
    roles: roleRows.map((r) => ({
      name: r.name,
      description: r.description,
      tasks: roleTaskRows.filter((rt) => rt.roleId === r.id).map((rt) => taskName.get(rt.taskId)!).filter(Boolean).sort(),
    })),
    roleGroups: groupRows.map((g) => ({
      name: g.name,
      description: g.description,
      roles: groupRoleRows.filter((gr) => gr.roleGroupId === g.id).map((gr) => roleName.get(gr.roleId)!).filter(Boolean).sort(),
    })),
  };
}
