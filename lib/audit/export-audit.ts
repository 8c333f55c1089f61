import { stringify } from "csv-stringify/sync";
import { z } from "zod";
import type { Database } from "@/db/client";
import { authorize } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/roles";
import { MAX_PAGE_SIZE } from "@/lib/pagination";
import { parseInput } from "@/lib/validation";
import { type AuditSearch, readAuditPage, searchInput } from "./search-audit";

const COLUMNS = ["id", "seq", "at", "actor", "actorType", "action", "targetType", "targetId", "details", "ip", "userAgent", "prevHash", "hash"] as const;
/** The export reads the log in the largest pages a search may ask for. */
const PAGE_SIZE = MAX_PAGE_SIZE;

/**
 * A cell a spreadsheet would run as a formula (OWASP's CSV injection: it starts with `=`, `+`, `-`,
 * `@`, a tab or a carriage return, or their full-width forms) is written quoted and prefixed with
 * `'`, so Excel, LibreOffice and Numbers show it as text. A user agent, an email or a target id is
 * anyone's to choose. csv-stringify adds the `'`; `quoted_match` sees the value before it does.
 */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** The one CSV writer of the export: every line of the file goes through here. */
function csvLines(rows: unknown[][]) {
  return stringify(rows, { escape_formulas: true, quoted_match: FORMULA_START });
}

/** The search's filters (no paging: the export walks every page) and the file's format. */
export const exportAuditInput = searchInput
  .omit({ limit: true, cursor: true })
  .extend({ format: z.enum(["csv", "json"], { error: 'must be "csv" or "json"' }).default("csv") });
export type ExportAuditInput = z.input<typeof exportAuditInput>;

export type AuditExportFormat = "csv" | "json";

/** An export that has been authorised and validated: streaming it can no longer be refused. */
export interface AuditExport {
  format: AuditExportFormat;
  /** The file, chunk by chunk; each call starts a fresh walk of the log. */
  chunks(): AsyncGenerator<string>;
}

/**
 * Authorises the reader and validates the filters and format, all before the first byte: a
 * response that has started streaming can only break, never answer 400 or 403. Both export routes
 * (the API's and the admin center's) go through here, so neither can stream an unchecked export.
 */
export function prepareAuditExport(db: Database, { actor, input }: { actor: Actor; input: ExportAuditInput }): AuditExport {
  authorize(actor, "read-audit");
  const { format, ...filters } = parseInput(exportAuditInput, input);
  return { format, chunks: () => exportAudit(db, actor.organisationId, format, { ...filters, limit: PAGE_SIZE }) };
}

/**
 * The filtered audit log as CSV or a JSON array, produced page by page (keyset) so an export of
 * millions of events streams in constant memory.
 */
async function* exportAudit(db: Database, organisationId: string, format: AuditExportFormat, filters: AuditSearch): AsyncGenerator<string> {
  let cursor: string | undefined;
  let first = true;
  if (format === "csv") yield csvLines([[...COLUMNS]]);
  else yield "[";
  do {
    const page = await readAuditPage(db, organisationId, { ...filters, cursor });
    if (format === "csv") {
      if (page.items.length) {
        yield csvLines(page.items.map((e) => COLUMNS.map((c) => (c === "details" ? JSON.stringify(e.details) : (e[c] ?? "")))));
      }
    } else {
      for (const event of page.items) {
        yield `${first ? "" : ","}\n${JSON.stringify(event)}`;
        first = false;
      }
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  if (format === "json") yield "\n]\n";
}
