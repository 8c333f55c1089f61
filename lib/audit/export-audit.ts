import { stringify } from "csv-stringify/sync";
import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/roles";
import { type SearchAuditInput, authorizeAuditReader, searchAudit } from "./search-audit";

const COLUMNS = ["id", "seq", "at", "actor", "actorType", "action", "targetType", "targetId", "details", "ip", "userAgent", "prevHash", "hash"] as const;

/**
 * The filtered audit log as CSV or a JSON array, produced page by page (keyset) so an export of
 * millions of events streams in constant memory.
 */
export async function* exportAudit(
  db: Database,
  { actor, format, filters }: { actor: Actor; format: "csv" | "json"; filters: Omit<SearchAuditInput, "limit" | "cursor"> },
): AsyncGenerator<string> {
  authorizeAuditReader(actor);
  let cursor: string | undefined;
  let first = true;
  if (format === "csv") yield stringify([COLUMNS as unknown as string[]]);
  else yield "[";
  do {
    const page = await searchAudit(db, { actor, input: { ...filters, limit: 500, cursor } });
    if (format === "csv") {
      if (page.items.length) {
        yield stringify(page.items.map((e) => COLUMNS.map((c) => (c === "details" ? JSON.stringify(e.details) : (e[c] ?? "")))));
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
