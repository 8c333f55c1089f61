import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/roles";
import { getCatalog } from "@/lib/catalog/get-catalog";
import { listRequests } from "@/lib/requests/list-requests";

/**
 * The approver inbox: pending requests of the approver's groups (never their own), oldest first,
 * each with the tasks it would open, so an approver sees what they are saying yes to.
 */
export async function listInbox(db: Database, { actor }: { actor: Actor }) {
  const [{ items }, catalog] = await Promise.all([
    listRequests(db, { actor, input: { approvable: true, status: "pending", limit: 500 } }),
    getCatalog(db, { actor }),
  ]);
  const tasksOfRole = (role: string) => catalog.roles.find((r) => r.name === role)?.tasks ?? [];
  const tasksOf = (type: string, target: string) =>
    type === "task"
      ? [target]
      : type === "role"
        ? tasksOfRole(target)
        : [...new Set((catalog.roleGroups.find((g) => g.name === target)?.roles ?? []).flatMap(tasksOfRole))].sort();
  return items
    .map((request) => ({
      ...request,
      tasks: tasksOf(request.type, request.target),
      approvedByMe: request.approvals.some((a) => a.by === actor.email && a.decision === "approve"),
    }))
    .reverse();
}

export type InboxItem = Awaited<ReturnType<typeof listInbox>>[number];
