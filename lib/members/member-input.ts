import { z } from "zod";
import { appRole } from "@/db/schema";

/**
 * The fields of a member as every caller gives them (the admin center, the API, the CLI, a CSV
 * row): one set of schemas, so a rule holds however the person was added.
 */
export const memberEmail = z
  .email({ error: "must be an email address" })
  .max(254, "must be at most 254 characters")
  .transform((email) => email.toLowerCase());

// Control characters (a newline in a name would forge a line of an email or a CLI table).
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

export const memberName = z
  .string({ error: "must be text" })
  .trim()
  .min(1, "must not be empty")
  .max(200, "must be at most 200 characters")
  .refine((name) => !CONTROL.test(name), { error: "must not contain control characters" });

export const memberRoles = z
  .array(z.enum(appRole.enumValues, { error: "must be global_admin, role_management or auditor" }), { error: "must be a list of roles" })
  .max(3, "has more roles than there are");

/** Standing role groups by name (of any scope); `resolveRoleGroups` checks that they exist. */
export const memberRoleGroups = z
  .array(
    z
      .string({ error: "must be role group names" })
      .trim()
      .min(1, "must not contain an empty name")
      .max(200, "must be names of at most 200 characters"),
    { error: "must be a list of role group names" },
  )
  .max(100, "must be at most 100 role groups");

export const addMemberInput = z.strictObject({
  email: memberEmail,
  name: memberName.optional(),
  roles: memberRoles.default([]),
  roleGroups: memberRoleGroups.default([]),
  guest: z.boolean({ error: "must be true or false" }).default(false),
});
export type AddMemberInput = z.input<typeof addMemberInput>;
export type AddMemberData = z.output<typeof addMemberInput>;

/** What may change on a member; the email names them. Absent fields stay as they are. */
export const updateMemberInput = z.strictObject({
  email: memberEmail,
  roles: memberRoles.optional(),
  roleGroups: memberRoleGroups.optional(),
  guest: z.boolean({ error: "must be true or false" }).optional(),
  disabled: z.boolean({ error: "must be true or false" }).optional(),
});
export type UpdateMemberInput = z.input<typeof updateMemberInput>;

/** The same body without the email, for `PATCH /members/{email}` (the path names the member). */
export const updateMemberBody = updateMemberInput.omit({ email: true });

export const memberEmailInput = z.strictObject({ email: memberEmail });

/** Roles in the enum's order, once each: so "changed?" compares sets, and the audit reads stably. */
export function orderedRoles(roles: readonly string[]) {
  return appRole.enumValues.filter((role) => roles.includes(role));
}
