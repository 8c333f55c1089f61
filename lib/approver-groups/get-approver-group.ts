import type { Database } from "@/db/client";
import { authorize } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/roles";
import { selectApproverGroupViews } from "./approver-group-view";
import { findApproverGroup } from "./find-approver-group";

/** One group with its members (`GET /approver-groups/{id}`): for administrators. */
export async function getApproverGroup(db: Database, { actor, groupId }: { actor: Actor; groupId: string }) {
  authorize(actor, "manage-settings");
  const group = await findApproverGroup(db, actor.organisationId, groupId);
  const [view] = await selectApproverGroupViews(db, actor.organisationId, group.id);
  return view!;
}
