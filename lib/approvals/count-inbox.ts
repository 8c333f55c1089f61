import { and, count, eq, gt, inArray, ne, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { accessRequests } from "@/db/schema";
import type { Actor } from "@/lib/auth/roles";

/** How many requests wait for this approver: the navigation's badge. */
export async function countInbox(db: Database, { actor }: { actor: Actor }) {
  const groupIds = actor.kind === "member" ? actor.approverGroups.map((g) => g.id) : [];
  if (groupIds.length === 0) return 0;
  const [row] = await db
    .select({ value: count() })
    .from(accessRequests)
    .where(
      and(
        inArray(accessRequests.approverGroupId, groupIds),
        eq(accessRequests.status, "pending"),
        gt(accessRequests.pendingUntil, sql`now()`),
        ne(accessRequests.requesterId, actor.userId),
      ),
    );
  return row?.value ?? 0;
}
