import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/roles";
import { getCatalog } from "@/lib/catalog/get-catalog";
import { tasksReachedBy } from "@/lib/policies/coverage";
import { listRequests } from "@/lib/requests/list-requests";
import { inboxContext } from "./inbox-context";

/**
 * The approver inbox: pending requests of the approver's groups (never their own), oldest first,
 * each with the tasks it would open (and a role group's roles), so an approver sees what they are
 * saying yes to, and who asks: their display name, whether they are a guest, and their recent
 * requests for the same target.
 */
export async function listInbox(db: Database, { actor }: { actor: Actor }) {
  const [{ items }, catalog] = await Promise.all([
    listRequests(db, { actor, input: { approvable: true, status: "pending", limit: 500 } }),
    getCatalog(db, { actor }),
  ]);
  const context = await inboxContext(db, actor.organisationId, items.map((request) => request.id));
  return items
    .map((request) => ({
      ...request,
      requesterName: context.get(request.id)?.name ?? null,
      requesterGuest: context.get(request.id)?.guest ?? false,
      recentRequests: context.get(request.id)?.recent ?? [],
      /** A role group's roles, each of which opens some of `tasks`; empty for a task or a role. */
      roles: request.type === "roleGroup" ? (catalog.roleGroups.find((g) => g.name === request.target)?.roles ?? []) : [],
      tasks: tasksReachedBy(catalog, request.type, request.target),
      approvedByMe: request.approvals.some((a) => a.by === actor.email && a.decision === "approve"),
    }))
    .reverse();
}

export type InboxItem = Awaited<ReturnType<typeof listInbox>>[number];
