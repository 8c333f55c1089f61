import { and, inArray, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { accessRequests } from "@/db/schema";
import { can } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/roles";
import { groupGrants } from "./group-grants";
import { listRequests } from "./list-requests";
import { selectRequestViews } from "./request-view";

/**
 * Active access: every open or scheduled window the caller may see (as `listRequests` with
 * `active`), one entry per grant with its extensions inside it, including those still waiting for
 * a decision, since revoking the grant cancels them too and the revoke dialog names them.
 */
export async function listActiveGrants(db: Database, { actor }: { actor: Actor }) {
  const { items } = await listRequests(db, { actor, input: { active: true, limit: 500 } });
  const ids = items.map((item) => item.id);
  const groupIds = actor.kind === "member" ? actor.approverGroups.map((g) => g.id) : [];
  const pending = ids.length
    ? await selectRequestViews(
        db,
        actor.organisationId,
        and(
          inArray(accessRequests.extendsRequestId, ids),
          sql`${accessRequests.status} = 'pending' and ${accessRequests.pendingUntil} > now()`,
          // Seen by whoever may decide it, as the open windows are.
          can(actor, "revoke") ? undefined : groupIds.length ? inArray(accessRequests.approverGroupId, groupIds) : sql`false`,
        ),
      )
    : [];
  return groupGrants([...items, ...pending]);
}
