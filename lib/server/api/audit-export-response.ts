import type { Database } from "@/db/client";
import { exportAudit } from "@/lib/audit/export-audit";

/**
 * The filtered audit log as a file download, streamed as it is read: for `GET /api/v1/audit/export`
 * (a token) and the audit view's export links (a session). Callers authorise and validate first,
 * so a refusal is a proper status and JSON body rather than a broken stream.
 */
export function auditExportResponse(db: Database, { actor, format, filters }: Parameters<typeof exportAudit>[1]) {
  const chunks = exportAudit(db, { actor, format, filters });
  const encoder = new TextEncoder();
  let cancelled = false; // a client that goes away (or a HEAD) cancels while a page may be in flight
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await chunks.next();
        if (cancelled) return;
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (error) {
        if (cancelled) return;
        console.error("[audit export] failed mid-stream:", error instanceof Error ? error.message : error);
        controller.error(error);
      }
    },
    async cancel() {
      cancelled = true;
      await chunks.return(undefined);
    },
  });
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, "-");
  return new Response(stream, {
    headers: {
      "content-type": format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="elevate-audit-${stamp}.${format}"`,
      "cache-control": "no-store",
    },
  });
}
