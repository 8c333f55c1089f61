import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/roles";
import { selectApproverGroupViews } from "./approver-group-view";

/**
 * The organisation's approver groups with their members, for the screens that manage them or pick
 * one, and for `GET /approver-groups`. Any member may read them: who approves a policy is part of
 * what a requester is told.
 */
export async function listApproverGroups(db: Database, { actor }: { actor: Actor }) {
  return selectApproverGroupViews(db, actor.organisationId);
}

export type { ApproverGroupView } from "./approver-group-view";
