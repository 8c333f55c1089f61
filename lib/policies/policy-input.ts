import { z } from "zod";
import { quarterHours } from "@/lib/validation";
import { adminPattern } from "./admin-pattern";

const policyFields = {
  approvalType: z.enum(["manual", "auto"], { error: 'must be "manual" or "auto"' }),
  /** An approver group by name; the organisation's default when left out. */
  approverGroup: z.string().trim().min(1, "must name an approver group"),
  requiredApprovals: z.int("must be a whole number").min(1, "must be at least 1"),
  maxDurationHours: quarterHours("The maximum duration"),
  defaultDurationHours: quarterHours("The default duration"),
  pendingLifetimeHours: quarterHours("The pending lifetime"),
  reasonRequired: z.boolean(),
  reasonPattern: adminPattern.nullable(),
  ticketRequired: z.boolean(),
  ticketPattern: adminPattern.nullable(),
  enabled: z.boolean(),
  /**
   * Who may request: approver group names and member emails. Empty: every member but guests. The
   * list is the whole list (a change replaces it); the domain resolves each entry in the organisation.
   */
  eligible: z
    .array(
      z
        .string({ error: "must be an approver group's name or a member's email" })
        .trim()
        .min(1, "must not be empty")
        .max(320, "must be at most 320 characters")
        .refine((entry) => !/[\u0000-\u001f\u007f]/.test(entry), { error: "must not contain control characters" }),
      { error: "must be a list of approver group names and member emails" },
    )
    .max(200, "may name at most 200 groups and members"),
  /** True: the approved window grants the target. False: it only unlocks what the person's standing role groups hold. */
  windowGrants: z.boolean({ error: "must be true or false" }),
};

/** The API's policy object as input. Unknown fields are refused, not ignored. */
export const createPolicyInput = z.strictObject({
  type: z.enum(["task", "role", "roleGroup"], { error: 'must be "task", "role" or "roleGroup"' }),
  scope: z.string().trim().min(1).default("Exchange"),
  target: z.string().trim().min(1, "must name a task, role or role group"),
  ...policyFields,
  approvalType: policyFields.approvalType.default("manual"),
  approverGroup: policyFields.approverGroup.optional(),
  requiredApprovals: policyFields.requiredApprovals.default(1),
  maxDurationHours: policyFields.maxDurationHours.default(8),
  defaultDurationHours: policyFields.defaultDurationHours.optional(),
  pendingLifetimeHours: policyFields.pendingLifetimeHours.optional(),
  reasonRequired: policyFields.reasonRequired.default(true),
  reasonPattern: policyFields.reasonPattern.optional(),
  ticketRequired: policyFields.ticketRequired.default(false),
  ticketPattern: policyFields.ticketPattern.optional(),
  enabled: policyFields.enabled.default(true),
  eligible: policyFields.eligible.default([]),
  windowGrants: policyFields.windowGrants.default(true),
});
export type CreatePolicyInput = z.input<typeof createPolicyInput>;

/** What a change may touch: everything but what the policy is about (scope, type, target). */
export const updatePolicyInput = z.strictObject(policyFields).partial();
export type UpdatePolicyInput = z.input<typeof updatePolicyInput>;
