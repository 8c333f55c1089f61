import { type AuditFilters, auditQueryString } from "./audit-query";

const linkClass =
  "inline-flex items-center justify-center gap-2 rounded-md bg-white px-3.5 py-2 text-sm font-medium text-slate-800 ring-1 ring-slate-300 hover:bg-slate-50";

/**
 * Plain links, not client navigation: the export route answers with a file download. They carry
 * the view's filters, so what is exported is what is on screen (every page of it).
 */
export function ExportLinks({ filters }: { filters: AuditFilters }) {
  const filtered = Object.keys(filters).length > 0;
  return (
    <div className="flex flex-wrap gap-2" role="group" aria-label="Export">
      {(["csv", "json"] as const).map((format) => (
        <a key={format} href={`/audit/export${auditQueryString(filters, { format })}`} download className={linkClass}>
          Export {format.toUpperCase()}
          <span className="sr-only">{filtered ? " of the filtered events" : " of every event"}</span>
        </a>
      ))}
    </div>
  );
}
