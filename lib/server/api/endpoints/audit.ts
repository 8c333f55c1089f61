import { z } from "zod";
import { auditActionFilter } from "@/lib/audit/audit-actions";
import { prepareAuditExport } from "@/lib/audit/export-audit";
import { searchAudit } from "@/lib/audit/search-audit";
import { verifyAuditLog } from "@/lib/audit/verify-audit-chain";
import { isoDateTime } from "@/lib/validation";
import { queryCursor, queryLimit } from "./query";
import { auditExportResponse } from "../audit-export-response";
import { endpoint } from "../endpoint";

const filters = {
  action: auditActionFilter.optional(),
  actor: z.string().min(1).optional(),
  targetId: z.string().min(1).optional(),
  since: isoDateTime.optional(),
  until: isoDateTime.optional(),
  q: z.string().min(1).optional(),
};
const searchQuery = z.strictObject({ ...filters, limit: queryLimit.optional(), cursor: queryCursor.optional() });
const exportQuery = z.strictObject({ ...filters, format: z.enum(["csv", "json"], { error: 'must be "csv" or "json"' }).default("csv") });

export const auditEndpoints = [
  endpoint<z.infer<typeof searchQuery>>({
    method: "GET",
    path: "/audit",
    summary: "Audit events, newest first, filtered",
    who: "admins, auditors",
    query: searchQuery,
    handle: ({ db, actor, query }) => searchAudit(db, { actor, input: query }),
  }),
  endpoint({
    method: "GET",
    path: "/audit/verify",
    summary: "Walk the hash chain: {ok, checked, firstBrokenId}",
    who: "admins, auditors",
    handle: ({ db, actor }) => verifyAuditLog(db, { actor }),
  }),
  endpoint<z.infer<typeof exportQuery>>({
    method: "GET",
    path: "/audit/export",
    summary: "The filtered log as a CSV or JSON file",
    who: "admins, auditors",
    query: exportQuery,
    // Authorised and validated before the stream starts, so a refusal is a proper 403 or 400.
    handle: async ({ db, actor, query }) => auditExportResponse(prepareAuditExport(db, { actor, input: query })),
  }),
];
