import { z } from "zod";
import { addMember } from "@/lib/members/add-member";
import { type ImportMembersInput, MAX_IMPORT_BYTES, importMembers, importMembersInput } from "@/lib/members/import-members";
import { apiMemberOf, getMember, listMembersPage } from "@/lib/members/list-members";
import { addMemberInput, updateMemberBody } from "@/lib/members/member-input";
import { removeMember } from "@/lib/members/remove-member";
import { updateMember } from "@/lib/members/update-member";
import { queryCursor, queryLimit } from "./query";
import { endpoint } from "../endpoint";

const listQuery = z.strictObject({
  q: z.string().optional(),
  limit: queryLimit.optional(),
  cursor: queryCursor.optional(),
});

export const memberEndpoints = [
  endpoint<z.infer<typeof listQuery>>({
    method: "GET",
    path: "/members",
    summary: "The organisation's members (Get-User), by email; q= filters by email or name",
    who: "admins",
    query: listQuery,
    handle: async ({ db, actor, query }) => {
      const page = await listMembersPage(db, { actor, input: query });
      return { items: page.items.map(apiMemberOf), nextCursor: page.nextCursor };
    },
  }),
  endpoint<Record<string, never>, z.input<typeof addMemberInput>>({
    method: "POST",
    path: "/members",
    summary: "Add a member: they may sign in from now on and are emailed an invitation",
    who: "Global Administrators",
    body: addMemberInput,
    status: 201,
    handle: async ({ db, actor, body }) => apiMemberOf(await addMember(db, { actor, input: body })),
  }),
  endpoint<Record<string, never>, ImportMembersInput>({
    method: "POST",
    path: "/members/import",
    summary:
      "Add members from CSV text (email,name,roles,roleGroups,guest; a header row; lists separated by ;): dryRun previews each row, otherwise every row is added or none",
    who: "Global Administrators",
    body: importMembersInput,
    // The CSV travels inside JSON, where quotes and line ends take two bytes each.
    maxBodyBytes: 2 * MAX_IMPORT_BYTES + 1024,
    handle: ({ db, actor, body }) => importMembers(db, { actor, input: body }),
  }),
  endpoint({
    method: "GET",
    path: "/members/{email}",
    summary: "One member",
    who: "admins",
    handle: async ({ db, actor, params }) => apiMemberOf(await getMember(db, { actor, email: params.email! })),
  }),
  endpoint<Record<string, never>, z.input<typeof updateMemberBody>>({
    method: "PATCH",
    path: "/members/{email}",
    summary: "Change a member's roles, standing role groups, guest flag, or disable (ends sessions and tokens) / enable them",
    who: "Global Administrators",
    body: updateMemberBody,
    handle: async ({ db, actor, params, body }) =>
      apiMemberOf(await updateMember(db, { actor, input: { ...body, email: params.email! } })),
  }),
  endpoint({
    method: "DELETE",
    path: "/members/{email}",
    summary: "Remove a member: their sessions, tokens, pending requests and open windows end",
    who: "Global Administrators",
    handle: ({ db, actor, params }) => removeMember(db, { actor, input: { email: params.email! } }),
  }),
];
