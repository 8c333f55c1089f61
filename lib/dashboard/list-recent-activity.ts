import { and, desc, eq, or, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { auditActionLabel, auditEventSubject } from "@/lib/audit/audit-actions";
import { toAuditView } from "@/lib/audit/search-audit";
import { can } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/roles";

/**
 * The dashboard's recent activity: for auditors and administrators the organisation's latest
 * events; for everyone else what they did and what happened to their requests.
 */
export async function listRecentActivity(db: Database, { actor, limit = 10 }: { actor: Actor; limit?: number }) {
  const orgWide = can(actor, "read-audit");
  const rows = await db
    .select()
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.organisationId, actor.organisationId),
        orgWide
          ? undefined
          : or(
              eq(auditEvents.actorId, actor.userId),
              sql`${auditEvents.targetId} in (select id::text from access_requests where requester_id = ${actor.userId} and organisation_id = ${actor.organisationId})`,
            ),
      ),
    )
    .orderBy(desc(auditEvents.at), desc(auditEvents.seq))
    .limit(limit);
  // Read by people, not SIEM rules: "Approved a request · New-JournalRule", not `request.approved`.
  const events = rows.map((row) => ({ ...toAuditView(row), label: auditActionLabel(row.action), subject: auditEventSubject(row.details) }));
  return { orgWide, events };
}
