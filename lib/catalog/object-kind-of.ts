import { builtinCatalogs } from "./builtin";

/**
 * The kind of workload object a built-in task's parameter names (`journal-rule` for
 * Remove-JournalRule's Identity), or undefined. Names come from callers: only the catalog's own
 * entries count, never a name Object.prototype happens to have (`constructor`, `__proto__`).
 */
export function objectKindOf(scope: string, task: string, parameter: string): string | undefined {
  const tasks = builtinCatalogs.find((catalog) => catalog.scope === scope)?.objectParameters;
  if (!tasks || !Object.hasOwn(tasks, task)) return undefined;
  const parameters = tasks[task]!;
  return Object.hasOwn(parameters, parameter) ? parameters[parameter] : undefined;
}
