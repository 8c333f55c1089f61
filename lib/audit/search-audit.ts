import { type SQL, and, desc, eq, gte, ilike, lt, lte, or, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { containingPattern } from "@/db/like-pattern";
import { auditEvents } from "@/db/schema";
import { auditActionFilter } from "@/lib/audit/audit-actions";
import { authorize } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/roles";
import { DEFAULT_PAGE_SIZE, cursorValue, decodeCursor, encodeCursor, pageCursor, pageLimit } from "@/lib/pagination";
import { isoDateTime, parseInput } from "@/lib/validation";

export const searchInput = z.strictObject({
  action: auditActionFilter.optional(),
  // Bounded like every text a client sends: no address or id is longer.
  actor: z.string().trim().min(1).max(320).optional(),
  targetId: z.string().trim().min(1).max(200).optional(),
  since: isoDateTime.optional(),
  until: isoDateTime.optional(),
  /** Free text, matched in the action, the actor, the target and the details. */
  q: z.string().trim().min(1).max(200).optional(),
  limit: pageLimit.default(DEFAULT_PAGE_SIZE),
  cursor: pageCursor.optional(),
});
export type SearchAuditInput = z.input<typeof searchInput>;

/** The organisation's audit events, newest first, filtered, in keyset pages of (time, sequence). */
export async function searchAudit(db: Database, { actor, input }: { actor: Actor; input: SearchAuditInput }) {
  authorize(actor, "read-audit");
  return readAuditPage(db, actor.organisationId, parseInput(searchInput, input));
}

export type AuditSearch = z.output<typeof searchInput>;

/** One page of an organisation's events for filters already authorised and validated (by the export too). */
export async function readAuditPage(db: Database, organisationId: string, data: AuditSearch) {
  const filters: (SQL | undefined)[] = [eq(auditEvents.organisationId, organisationId)];
  if (data.action) filters.push(eq(auditEvents.action, data.action));
  if (data.actor) filters.push(eq(auditEvents.actorEmail, data.actor.toLowerCase()));
  if (data.targetId) filters.push(eq(auditEvents.targetId, data.targetId));
  if (data.since) filters.push(gte(auditEvents.at, new Date(data.since)));
  if (data.until) filters.push(lte(auditEvents.at, new Date(data.until)));
  if (data.q) {
    const pattern = containingPattern(data.q);
    filters.push(
      or(
        ilike(auditEvents.action, pattern),
        ilike(auditEvents.actorEmail, pattern),
        ilike(auditEvents.targetId, pattern),
        sql`${auditEvents.details}::text ilike ${pattern}`,
      ),
    );
  }
  if (data.cursor) {
    const { at, seq } = decodeCursor(data.cursor, { at: cursorValue.time, seq: cursorValue.seq });
    filters.push(or(lt(auditEvents.at, at), and(eq(auditEvents.at, at), lt(auditEvents.seq, seq))));
  }
  const rows = await db
    .select()
    .from(auditEvents)
    .where(and(...filters))
    .orderBy(desc(auditEvents.at), desc(auditEvents.seq))
    .limit(data.limit + 1);
  const page = rows.slice(0, data.limit);
  const last = page.at(-1);
  return {
    items: page.map(toAuditView),
    nextCursor: rows.length > data.limit && last ? encodeCursor({ at: last.at.toISOString(), seq: last.seq }) : null,
  };
}

export function toAuditView(event: typeof auditEvents.$inferSelect) {
  return {
    id: event.id,
    seq: event.seq,
    at: event.at.toISOString(),
    actor: event.actorType === "system" ? "system" : event.actorEmail,
    actorType: event.actorType,
    action: event.action,
    targetType: event.targetType,
    targetId: event.targetId,
    details: event.details,
    ip: event.ip,
    userAgent: event.userAgent,
    hash: event.hash,
    prevHash: event.prevHash,
  };
}
