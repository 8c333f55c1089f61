/**
 * The audit view's "Export CSV / JSON" links: the filtered log as a file, for a signed-in session.
 * The same stream as `GET /api/v1/audit/export` (which takes a token); filters come from the query
 * string, exactly as the view's URL carries them.
 */
import type { NextRequest } from "next/server";
import { parseAuditQuery } from "@/components/audit/audit-query";
import { db } from "@/db/client";
import { type AuditExport, type ExportAuditInput, prepareAuditExport } from "@/lib/audit/export-audit";
import { DomainError } from "@/lib/errors";
import { auditExportResponse } from "@/lib/server/api/audit-export-response";
import { errorResponse, internalError } from "@/lib/server/api/errors";
import { currentActor } from "@/lib/server/auth/current-actor";

export const dynamic = "force-dynamic";

export async function GET(request: NextRequest) {
  const actor = await currentActor();
  if (!actor) {
    return Response.json(
      { error: { code: "unauthorized:session", message: "Sign in to export the audit log." } },
      { status: 401, headers: { "cache-control": "no-store" } },
    );
  }
  const params = request.nextUrl.searchParams;
  const database = await db();
  let prepared: AuditExport;
  try {
    // Refusals and bad filters answer before the stream starts, as a proper status and JSON body.
    const format = (params.get("format") ?? undefined) as ExportAuditInput["format"]; // any text: validated below
    const input = { ...parseAuditQuery(params).filters, format };
    prepared = prepareAuditExport(database, { actor, input });
  } catch (error) {
    return error instanceof DomainError ? errorResponse(error) : internalError(error);
  }
  return auditExportResponse(prepared);
}
