import type { ScopeObject } from "@/lib/scopes/scope-view";

/** A scope's tasks, roles and role groups, as three plain tables. */
export function ScopeCatalog({ scope }: { scope: ScopeObject }) {
  const sections = [
    { title: "Tasks", rows: scope.tasks.map((t) => ({ name: t.name, description: t.description, holds: "" })), holds: null },
    { title: "Roles", rows: scope.roles.map((r) => ({ name: r.name, description: r.description, holds: r.tasks.join(", ") })), holds: "Tasks" },
    {
      title: "Role groups",
      rows: scope.roleGroups.map((g) => ({ name: g.name, description: g.description, holds: g.roles.join(", ") })),
      holds: "Roles",
    },
  ];
  return (
    <div className="space-y-4">
      {sections.map((section) => (
        <div key={section.title}>
          <h4 className="text-sm font-semibold text-slate-900">
            {section.title} <span className="font-normal text-slate-600">({section.rows.length})</span>
          </h4>
          {section.rows.length === 0 ? (
            <p className="text-sm text-slate-600">None.</p>
          ) : (
            <div className="mt-1 overflow-x-auto">
              <table aria-label={`${section.title} of ${scope.name}`} className="w-full text-left text-sm">
                <thead className="text-xs text-slate-600">
                  <tr>
                    <th scope="col" className="py-1 pr-4 font-medium">Name</th>
                    <th scope="col" className="py-1 pr-4 font-medium">Description</th>
                    {section.holds && <th scope="col" className="py-1 font-medium">{section.holds}</th>}
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {section.rows.map((row) => (
                    <tr key={row.name}>
                      <td className="py-1 pr-4 font-mono text-slate-900">{row.name}</td>
                      <td className="py-1 pr-4 text-slate-700">{row.description}</td>
                      {section.holds && <td className="py-1 text-slate-700">{row.holds}</td>}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      ))}
    </div>
  );
}
