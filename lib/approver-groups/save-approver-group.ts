import { z } from "zod";
import type { Database } from "@/db/client";
import { authorize } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/roles";
import { parseInput } from "@/lib/validation";
import { groupDescription, groupName, memberEmails } from "./approver-group-input";
import { createApproverGroup } from "./create-approver-group";
import { updateApproverGroup } from "./update-approver-group";

const saveInput = z.strictObject({
  /** The group to change; without it, a new group is created. */
  id: z.uuid({ error: "must be an approver group's id" }).optional(),
  name: groupName,
  description: groupDescription.optional(),
  members: memberEmails,
});
export type SaveApproverGroupInput = z.input<typeof saveInput>;

/**
 * The settings form's one submit: a new group (`createApproverGroup`), or, with `id`, that group's
 * name, description and whole member list (`updateApproverGroup`). Every rule lives in those two.
 */
export async function saveApproverGroup(db: Database, { actor, input }: { actor: Actor; input: SaveApproverGroupInput }) {
  authorize(actor, "manage-settings");
  const { id, ...fields } = parseInput(saveInput, input);
  return id
    ? updateApproverGroup(db, { actor, groupId: id, input: fields })
    : createApproverGroup(db, { actor, input: fields });
}
