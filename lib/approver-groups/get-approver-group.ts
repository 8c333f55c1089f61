import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/roles";
import { authorizeSettingsAdmin } from "@/lib/settings/authorize-settings-admin";
import { selectApproverGroupViews } from "./approver-group-view";
import { findApproverGroup } from "./find-approver-group";

/** One group with its members (`GET /approver-groups/{id}`): for administrators. */
export async function getApproverGroup(db: Database, { actor, groupId }: { actor: Actor; groupId: string }) {
  authorizeSettingsAdmin(actor);
  const group = await findApproverGroup(db, actor.organisationId, groupId);
  const [view] = await selectApproverGroupViews(db, actor.organisationId, group.id);
  return view!;
}
