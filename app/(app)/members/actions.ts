"use server";

import { z } from "zod";
import { action } from "@/app/_lib/action";
import { addMember } from "@/lib/members/add-member";
import { importMembers } from "@/lib/members/import-members";
import { removeMember } from "@/lib/members/remove-member";
import { updateMember } from "@/lib/members/update-member";

/*
 * The members screen's forms post FormData: every value is a string, an empty field arrives absent
 * and a repeated name (a list of checkboxes) arrives as an array. These schemas only reshape; every
 * rule is the domain's, and its field errors name the same fields as the forms.
 */
const list = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((value) => (value === undefined ? [] : [value].flat()));
const checkbox = z
  .string()
  .optional()
  .transform((value) => value === "true");

export const addMemberAction = action(
  z.object({ email: z.string({ error: "Enter an email address" }), name: z.string().optional(), roles: list, roleGroups: list, guest: checkbox }),
  ({ db, actor, input }) => addMember(db, { actor, input: input as Parameters<typeof addMember>[1]["input"] }),
  { revalidate: ["/members"], success: "Member added: their invitation is on its way" },
);

export const updateMemberAction = action(
  z.object({ email: z.string(), roles: list, roleGroups: list, guest: checkbox }),
  ({ db, actor, input }) => updateMember(db, { actor, input: input as Parameters<typeof updateMember>[1]["input"] }),
  { revalidate: ["/members"], success: "Member saved" },
);

export const setMemberDisabledAction = action(
  z.strictObject({ email: z.string(), disabled: z.boolean() }),
  ({ db, actor, input }) => updateMember(db, { actor, input }),
  { revalidate: ["/members"] },
);

export const removeMemberAction = action(
  z.strictObject({ email: z.string() }),
  ({ db, actor, input }) => removeMember(db, { actor, input }),
  { revalidate: ["/members"] },
);

/** The CSV's text comes as it is (a pasted file or one read in the browser): the domain checks it. */
export const importMembersAction = action(
  z.strictObject({ csv: z.string(), dryRun: z.boolean() }),
  ({ db, actor, input }) => importMembers(db, { actor, input }),
  { revalidate: ["/members"] },
);
