import { Badge } from "@/components/ui/badge";
import type { ScopeObject } from "@/lib/scopes/scope-view";
import { ImportCatalogForm } from "./import-catalog-form";
import { RemoveScopeButton } from "./remove-scope-button";
import { ScopeCatalog } from "./scope-catalog";

/** The catalog as the PUT body, to edit in place: what the import form starts from. */
function catalogJson(scope: ScopeObject) {
  if (scope.tasks.length + scope.roles.length + scope.roleGroups.length === 0) return "";
  const { description, tasks, roles, roleGroups } = scope;
  return JSON.stringify({ description, tasks, roles, roleGroups }, null, 2);
}

/**
 * One scope: kind, version and size; an external scope's catalog in full, with its import form and
 * removal for administrators. A built-in scope's catalog comes with Elevate and is shown read-only.
 */
export function ScopeCard({ scope, canManage }: { scope: ScopeObject; canManage: boolean }) {
  const external = scope.kind === "external";
  const counts = `${scope.tasks.length} tasks · ${scope.roles.length} roles · ${scope.roleGroups.length} role groups`;
  return (
    <section aria-label={scope.name} className="rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 space-y-1">
          <h3 className="flex flex-wrap items-center gap-2 text-base font-semibold text-slate-900">
            {scope.name}
            <Badge tone={external ? "brand" : "neutral"}>{external ? "External" : "Built-in"}</Badge>
            <span className="text-xs font-normal text-slate-600">version {scope.version}</span>
          </h3>
          {scope.description && <p className="text-sm text-slate-600">{scope.description}</p>}
          <p className="text-sm text-slate-700">{counts}</p>
        </div>
        {external && canManage && <RemoveScopeButton scope={scope.name} />}
      </div>
      {external ? (
        <div className="mt-4 space-y-6">
          <p className="text-sm text-slate-600">
            Its tasks run outside Elevate: the tool asks <code className="rounded bg-slate-100 px-1">POST /api/v1/access/check</code> with{" "}
            <code className="rounded bg-slate-100 px-1">{`{"scope": "${scope.name}", "task": …}`}</code> before it runs one.
          </p>
          <ScopeCatalog scope={scope} />
          {canManage && (
            <div className="rounded-md border border-slate-200 p-4">
              <h4 className="mb-3 text-sm font-semibold text-slate-900">Import a catalog</h4>
              <ImportCatalogForm scope={scope.name} current={catalogJson(scope)} />
            </div>
          )}
        </div>
      ) : (
        <details className="mt-3">
          <summary className="cursor-pointer text-sm font-medium text-brand-700">Show the catalog (read-only)</summary>
          <div className="mt-3">
            <ScopeCatalog scope={scope} />
          </div>
        </details>
      )}
    </section>
  );
}
