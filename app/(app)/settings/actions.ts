"use server";

import { z } from "zod";
import { action } from "@/app/_lib/action";
import { deleteApproverGroup } from "@/lib/approver-groups/delete-approver-group";
import { saveApproverGroup } from "@/lib/approver-groups/save-approver-group";
import { updateSettings } from "@/lib/settings/update-settings";

/*
 * The settings forms post FormData: every value is a string, an empty field arrives absent and a
 * repeated name (a list of checkboxes) arrives as an array. These schemas only reshape; every rule
 * is the domain's, and its field errors name the same fields as the forms.
 */
const number = (what: string) => z.coerce.number({ error: `Enter ${what}` });
/** Checkboxes sharing a name: none ticked means an empty list, one ticked a single string. */
const list = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((value) => (value === undefined ? [] : [value].flat()));

export const setPamEnabledAction = action(
  z.strictObject({ pamEnabled: z.boolean() }),
  ({ db, actor, input }) => updateSettings(db, { actor, input }),
  { revalidate: ["/settings"], success: "PAM settings saved" },
);

export const updateDefaultGroupAction = action(
  z.object({ defaultApproverGroup: z.string({ error: "Choose an approver group" }) }),
  ({ db, actor, input }) => updateSettings(db, { actor, input }),
  { revalidate: ["/settings"], success: "Default approver group saved" },
);

export const updateExclusionsAction = action(
  z.object({ excludedAccounts: list }),
  ({ db, actor, input }) => updateSettings(db, { actor, input }),
  { revalidate: ["/settings"], success: "Excluded accounts saved" },
);

export const updateLimitsAction = action(
  z.object({
    policyLimit: number("a number of policies"),
    maxDurationHours: number("a number of hours"),
    pendingLifetimeHours: number("a number of hours"),
    endingSoonNoticeMinutes: number("a number of minutes"),
  }),
  ({ db, actor, input }) => updateSettings(db, { actor, input }),
  { revalidate: ["/settings"], success: "Limits saved" },
);

export const saveApproverGroupAction = action(
  z.object({
    id: z.string().optional(),
    name: z.string({ error: "Enter a name for the group" }),
    description: z.string().optional().default(""),
    members: list,
  }),
  ({ db, actor, input }) => saveApproverGroup(db, { actor, input }),
  { revalidate: ["/settings"], success: "Approver group saved" },
);

export const deleteApproverGroupAction = action(
  z.strictObject({ id: z.string() }),
  ({ db, actor, input }) => deleteApproverGroup(db, { actor, groupId: input.id }),
  { revalidate: ["/settings"], success: "Approver group deleted" },
);
