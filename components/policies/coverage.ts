import type { ApiTargetType } from "@/lib/catalog/target-types";
import { tasksReachedBy } from "@/lib/policies/coverage";

/** The catalog as `getCatalog` returns it; only what the screens read. */
export interface CatalogData {
  scope: string;
  tasks: { name: string; description: string; roles: string[] }[];
  roles: { name: string; description: string; tasks: string[] }[];
  roleGroups: { name: string; description: string; roles: string[] }[];
}

export interface Coverage {
  /** Every task a policy on the target gates (for a task: itself). */
  tasks: string[];
  /** For a role group: its roles and their tasks. For a task: the roles that also contain it. */
  roles: { name: string; tasks: string[] }[];
}

/**
 * What a policy on a target reaches: a role covers its tasks, a role group its roles' tasks. Shown
 * so an admin sees the blast radius before saving, as the decision rule will apply it.
 */
export function coverageOf(catalog: CatalogData, type: ApiTargetType, name: string): Coverage {
  const role = (roleName: string) => ({ name: roleName, tasks: tasksReachedBy(catalog, "role", roleName) });
  const tasks = tasksReachedBy(catalog, type, name);
  if (type === "task") return { tasks, roles: (catalog.tasks.find((t) => t.name === name)?.roles ?? []).map(role) };
  if (type === "role") return { tasks, roles: [] };
  return { tasks, roles: (catalog.roleGroups.find((g) => g.name === name)?.roles ?? []).map(role) };
}

/** The names and one-line descriptions a picker lists for a type. */
export function entriesOf(catalog: CatalogData, type: ApiTargetType) {
  if (type === "task") return catalog.tasks.map((t) => ({ name: t.name, description: t.description, detail: "" }));
  if (type === "role") {
    return catalog.roles.map((r) => ({ name: r.name, description: r.description, detail: plural(r.tasks.length, "task") }));
  }
  return catalog.roleGroups.map((g) => ({
    name: g.name,
    description: g.description,
    detail: `${plural(g.roles.length, "role")}, ${plural(coverageOf(catalog, "roleGroup", g.name).tasks.length, "task")}`,
  }));
}

export const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? "" : "s"}`;
