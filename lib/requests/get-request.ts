import type { Database } from "@/db/client";
import { can } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/roles";
import { requestNotFound } from "./find-request";
import { findRequest } from "./find-request";
import { selectRequestView } from "./request-view";

/**
 * Get-ElevatedAccessRequest for one request: its requester, the approvers of its group,
 * administrators and auditors may read it; to anyone else it does not exist.
 */
export async function getRequest(db: Database, { actor, requestId }: { actor: Actor; requestId: string }) {
  const request = await findRequest(db, actor.organisationId, requestId);
  const mayRead =
    request.requesterId === actor.userId ||
    can(actor, "list-requests") ||
    (actor.kind === "member" && actor.approverGroups.some((group) => group.id === request.approverGroupId));
  if (!mayRead) throw requestNotFound();
  return (await selectRequestView(db, actor.organisationId, request.id))!;
}
