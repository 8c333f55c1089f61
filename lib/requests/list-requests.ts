import { type SQL, and, eq, inArray, lt, ne, or, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { accessRequests } from "@/db/schema";
import { can, refusalOf } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/roles";
import { DEFAULT_PAGE_SIZE, cursorValue, decodeCursor, encodeCursor, pageCursor, pageLimit } from "@/lib/pagination";
import { parseInput } from "@/lib/validation";
import { selectRequestViews } from "./request-view";

const listInput = z.strictObject({
  mine: z.boolean().optional(),
  approvable: z.boolean().optional(),
  /** Windows open now, across the organisation (approvers and admins). */
  active: z.boolean().optional(),
  status: z.enum(["pending", "approved", "denied", "cancelled", "expired", "revoked"]).optional(),
  limit: pageLimit.default(DEFAULT_PAGE_SIZE),
  cursor: pageCursor.optional(),
});
export type ListRequestsInput = z.input<typeof listInput>;

/**
 * Get-ElevatedAccessRequest: the caller's own requests (`mine`), those they may decide
 * (`approvable`: pending in their groups, never their own), or, for administrators and auditors,
 * everyone's. Newest first, in keyset pages.
 */
export async function listRequests(db: Database, { actor, input }: { actor: Actor; input: ListRequestsInput }) {
  const data = parseInput(listInput, input);
  const filters: (SQL | undefined)[] = [];
  if (data.mine) filters.push(eq(accessRequests.requesterId, actor.userId));
  if (data.approvable) {
    const groupIds = actor.kind === "member" ? actor.approverGroups.map((g) => g.id) : [];
    if (groupIds.length === 0) return { items: [], nextCursor: null };
    filters.push(inArray(accessRequests.approverGroupId, groupIds), ne(accessRequests.requesterId, actor.userId));
  }
  if (data.active) {
    filters.push(sql`${accessRequests.status} = 'approved' and ${accessRequests.endsAt} > now()`);
    // Whoever may revoke any grant sees every open one; an approver, those of their groups.
    if (!can(actor, "revoke")) {
      const groupIds = actor.kind === "member" ? actor.approverGroups.map((g) => g.id) : [];
      if (groupIds.length === 0 && !data.mine) throw refusalOf("list-requests");
      if (!data.mine) filters.push(inArray(accessRequests.approverGroupId, groupIds));
    }
  }
  if (!data.mine && !data.approvable && !data.active && !can(actor, "list-requests")) throw refusalOf("list-requests");
  if (data.status) filters.push(statusIs(data.status));
  if (data.cursor) {
    const cursor = decodeCursor(data.cursor, { createdAt: cursorValue.instant, id: cursorValue.id });
    const createdAt = sql`${cursor.createdAt}::timestamptz`;
    filters.push(
      or(
        sql`${accessRequests.createdAt} < ${createdAt}`,
        and(sql`${accessRequests.createdAt} = ${createdAt}`, lt(accessRequests.id, cursor.id)),
      ),
    );
  }
  const items = await selectRequestViews(db, actor.organisationId, and(...filters), { limit: data.limit + 1 });
  const page = items.slice(0, data.limit);
  const last = page.at(-1);
  return {
    items: page,
    nextCursor: items.length > data.limit && last ? encodeCursor({ createdAt: await exactCreatedAt(db, last.id), id: last.id }) : null,
  };
}

/** When a request was created, to the microsecond (a view's `createdAt` is rounded to the millisecond). */
async function exactCreatedAt(db: Database, requestId: string) {
  const [row] = await db
    .select({ at: sql<string>`to_char(${accessRequests.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')` })
    .from(accessRequests)
    .where(eq(accessRequests.id, requestId));
  return row!.at;
}

/**
 * The status as read now, written so the partial indexes on `status` apply: a pending row past its
 * lifetime counts as expired.
 */
function statusIs(status: NonNullable<ListRequestsInput["status"]>): SQL {
  if (status === "pending") return sql`(${accessRequests.status} = 'pending' and ${accessRequests.pendingUntil} > now())`;
  if (status === "expired") {
    return sql`(${accessRequests.status} = 'expired' or (${accessRequests.status} = 'pending' and ${accessRequests.pendingUntil} <= now()))`;
  }
  return eq(accessRequests.status, status);
}

