"use server";

import { z } from "zod";
import { action } from "@/app/_lib/action";
import { createPolicy } from "@/lib/policies/create-policy";
import { deletePolicy } from "@/lib/policies/delete-policy";
import { updatePolicy } from "@/lib/policies/update-policy";

/*
 * The policy form posts FormData: every value is a string and an empty field arrives absent (the
 * action wrapper drops it). These schemas only turn strings into the API's shape; every rule
 * (limits, durations, approvers, patterns) is the domain's, so its errors name the same fields.
 */
const hours = z.coerce.number({ error: "Enter a number of hours" }).optional();
const checkbox = z
  .enum(["true"])
  .optional()
  .transform((value) => value === "true");

const policyFields = {
  approvalType: z.enum(["manual", "auto"], { error: "Choose manual or automatic approval" }),
  approverGroup: z.string().optional(),
  requiredApprovals: z.coerce.number({ error: "Enter a whole number" }).optional(),
  maxDurationHours: hours,
  defaultDurationHours: hours,
  pendingLifetimeHours: hours,
  reasonRequired: checkbox,
  reasonPattern: z.string().optional(),
  ticketRequired: checkbox,
  ticketPattern: z.string().optional(),
  enabled: checkbox,
  /** "everyone": no list (every member but guests); "chosen": the `eligible` entries posted. */
  eligibleMode: z.enum(["everyone", "chosen"], { error: "Choose who may request" }).optional(),
  eligible: z.union([z.string(), z.array(z.string())]).optional(),
  windowGrants: z
    .enum(["true", "false"], { error: "Choose what the approved window does" })
    .optional()
    .transform((value) => (value === undefined ? undefined : value === "true")),
};

/** The form's "Who may request" as the API's `eligible` list; left out when the form had no such field. */
function eligibility<T extends { eligibleMode?: "everyone" | "chosen"; eligible?: string | string[] }>(
  { eligibleMode, eligible, ...fields }: T,
  context: z.RefinementCtx,
) {
  const list = eligible === undefined ? [] : ([] as string[]).concat(eligible);
  if (eligibleMode === "chosen" && list.length === 0) {
    context.addIssue({
      code: "custom",
      path: ["eligible"],
      message: "Pick at least one approver group or member, or let every member request.",
    });
  }
  return { ...fields, eligible: eligibleMode === undefined ? undefined : eligibleMode === "chosen" ? list : [] };
}

/** Leaves out what the form left empty, so the domain fills in its defaults. */
function present<T extends Record<string, unknown>>(object: T) {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as T;
}

const createForm = z
  .object({
    type: z.enum(["task", "role", "roleGroup"], { error: "Choose a task, a role or a role group" }),
    scope: z.string().optional(),
    target: z.string({ error: "Pick what the policy covers from the catalog" }),
    ...policyFields,
  })
  .transform((fields, context) => present(eligibility(fields, context)));

export const createPolicyAction = action(
  createForm,
  ({ db, actor, input }) => createPolicy(db, { actor, input }),
  { revalidate: ["/policies"], success: "Policy created" },
);

// The editor shows every field, so an emptied pattern means "no pattern any more".
const updateForm = z
  .object({ id: z.string(), ...policyFields })
  .transform(({ id, reasonPattern, ticketPattern, ...fields }, context) => ({
    id,
    input: { ...present(eligibility(fields, context)), reasonPattern: reasonPattern ?? null, ticketPattern: ticketPattern ?? null },
  }));

export const updatePolicyAction = action(
  updateForm,
  ({ db, actor, input }) => updatePolicy(db, { actor, policyId: input.id, input: input.input }),
  { revalidate: ["/policies"], success: "Policy saved" },
);

// No revalidation here: it would re-render the page the button is on, the deleted policy's own,
// as a 404 before the client moves to the list (which is dynamic, so it is fetched fresh anyway).
export const deletePolicyAction = action(
  z.object({ id: z.string() }),
  ({ db, actor, input }) => deletePolicy(db, { actor, policyId: input.id }),
  { success: "Policy deleted" },
);
