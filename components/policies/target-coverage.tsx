import type { ApiTargetType } from "@/lib/catalog/target-types";
import { type CatalogData, coverageOf, plural } from "./coverage";

function TaskList({ tasks, label }: { tasks: string[]; label: string }) {
  if (tasks.length === 0) return <p className="text-sm text-slate-600">No tasks yet.</p>;
  return (
    <ul aria-label={label} className="mt-1 flex flex-wrap gap-1.5">
      {tasks.map((task) => (
        <li key={task}>
          <code className="rounded bg-white px-1.5 py-0.5 font-mono text-xs text-slate-800 ring-1 ring-slate-200">{task}</code>
        </li>
      ))}
    </ul>
  );
}

/**
 * The blast radius of a policy: which tasks it gates once saved. A role or role group policy reaches
 * every task inside it, so the admin sees them before committing.
 */
export function TargetCoverage({ catalog, type, name }: { catalog: CatalogData; type: ApiTargetType; name: string }) {
  const coverage = coverageOf(catalog, type, name);
  return (
    <section aria-labelledby="coverage-heading" aria-live="polite" className="rounded-md bg-slate-50 p-4 ring-1 ring-slate-200">
      <h3 id="coverage-heading" className="text-sm font-semibold text-slate-900">
        What this policy covers
      </h3>
      {type === "task" && (
        <div className="mt-1 space-y-2 text-sm text-slate-700">
          <p>
            Only the task <code className="font-mono">{name}</code>.
          </p>
          {coverage.roles.length > 0 ? (
            <p>
              It is also part of the {coverage.roles.length === 1 ? "role" : "roles"}{" "}
              {coverage.roles.map((role) => role.name).join(", ")}: a policy on{" "}
              {coverage.roles.length === 1 ? "that role" : "one of those roles"} would cover it too, and the strictest policy applies.
            </p>
          ) : (
            <p>No role contains it.</p>
          )}
        </div>
      )}
      {type === "role" && (
        <div className="mt-1 text-sm text-slate-700">
          <p>Every task of the role {name}: {plural(coverage.tasks.length, "task")}.</p>
          <TaskList tasks={coverage.tasks} label={`Tasks of ${name}`} />
        </div>
      )}
      {type === "roleGroup" && (
        <div className="mt-1 text-sm text-slate-700">
          <p>
            Every task of its {plural(coverage.roles.length, "role")}: {plural(coverage.tasks.length, "task")} in all.
          </p>
          <ul className="mt-2 space-y-2">
            {coverage.roles.map((role) => (
              <li key={role.name}>
                <span className="font-medium text-slate-900">{role.name}</span>
                <TaskList tasks={role.tasks} label={`Tasks of ${role.name}`} />
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
