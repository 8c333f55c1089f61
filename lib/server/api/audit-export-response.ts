import type { AuditExport } from "@/lib/audit/export-audit";
import { logger } from "@/lib/log/logger";

/**
 * A prepared audit export as a file download, streamed as it is read: for `GET /api/v1/audit/export`
 * (a token) and the audit view's export links (a session). It takes only an export that
 * `prepareAuditExport` has authorised and validated, so a refusal is always a proper status and
 * JSON body, never a stream that breaks after a 200.
 */
export function auditExportResponse({ format, chunks: start }: AuditExport) {
  const chunks = start();
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
        logger.error({ err: error }, "audit export: failed mid-stream");
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
