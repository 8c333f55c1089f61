/**
 * The audit view's "Export CSV / JSON" links: the filtered log as a file, for a signed-in session.
 * The same stream as `GET /api/v1/audit/export` (which takes a token); filters come from the query
 * string, exactly as the view's URL carries them.
 */
import type { NextRequest } from "next/server";
import { z } from "zod";
import { auditExportResponse } from "@/lib/server/api/audit-export-response";
import { errorResponse, internalError } from "@/lib/server/api/errors";
import { db } from "@/db/client";
import { parseAuditQuery } from "@/components/audit/audit-query";
import { authorizeAuditReader, searchInput } from "@/lib/audit/search-audit";
import { currentActor } from "@/lib/auth/current-actor";
import { DomainError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";

export const dynamic = "force-dynamic";

const formatInput = z.enum(["csv", "json"], { error: 'must be "csv" or "json"' }).default("csv");

export async function GET(request: NextRequest) {
  const actor = await currentActor();
  if (!actor) {
    return Response.json(
      { error: { code: "unauthorized:session", message: "Sign in to export the audit log." } },
      { status: 401, headers: { "cache-control": "no-store" } },
    );
  }
  const params = request.nextUrl.searchParams;
  let format: "csv" | "json";
  let filters: ReturnType<typeof parseAuditQuery>["filters"];
  try {
    // Refusals and bad filters answer before the stream starts, as a proper status and JSON body.
    authorizeAuditReader(actor);
    format = parseInput(z.strictObject({ format: formatInput }), { format: params.get("format") ?? undefined }).format;
    filters = parseAuditQuery(params).filters;
    parseInput(searchInput, filters);
  } catch (error) {
    return error instanceof DomainError ? errorResponse(error) : internalError(error);
  }

  return auditExportResponse(await db(), { actor, format, filters });
}
