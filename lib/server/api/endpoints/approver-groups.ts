import type { z } from "zod";
import { toApproverGroupObject } from "@/lib/approver-groups/approver-group-view";
import { createApproverGroup, createApproverGroupInput } from "@/lib/approver-groups/create-approver-group";
import { deleteApproverGroup } from "@/lib/approver-groups/delete-approver-group";
import { getApproverGroup } from "@/lib/approver-groups/get-approver-group";
import { listApproverGroups } from "@/lib/approver-groups/list-approver-groups";
import { updateApproverGroup, updateApproverGroupInput } from "@/lib/approver-groups/update-approver-group";
import { pageOf } from "@/lib/pagination";
import { listPageQuery } from "./query";
import { endpoint } from "../endpoint";

export const approverGroupEndpoints = [
  endpoint<z.infer<typeof listPageQuery>>({
    method: "GET",
    path: "/approver-groups",
    summary: "The organisation's approver groups with their members",
    who: "any",
    query: listPageQuery,
    handle: async ({ db, actor, query }) => pageOf((await listApproverGroups(db, { actor })).map(toApproverGroupObject), query, (g) => g.name),
  }),
  endpoint<Record<string, never>, z.input<typeof createApproverGroupInput>>({
    method: "POST",
    path: "/approver-groups",
    summary: "Create an approver group; members must be active members who are not guests",
    who: "admins",
    body: createApproverGroupInput,
    status: 201,
    handle: async ({ db, actor, body }) => toApproverGroupObject(await createApproverGroup(db, { actor, input: body })),
  }),
  endpoint({
    method: "GET",
    path: "/approver-groups/{id}",
    summary: "One approver group",
    who: "admins",
    handle: async ({ db, actor, params }) => toApproverGroupObject(await getApproverGroup(db, { actor, groupId: params.id! })),
  }),
  endpoint<Record<string, never>, z.input<typeof updateApproverGroupInput>>({
    method: "PATCH",
    path: "/approver-groups/{id}",
    summary: "Rename a group, change its description, or its members (`members` replaces the list; `addMembers`/`removeMembers` change it)",
    who: "admins",
    body: updateApproverGroupInput,
    handle: async ({ db, actor, params, body }) =>
      toApproverGroupObject(await updateApproverGroup(db, { actor, groupId: params.id!, input: body })),
  }),
  endpoint({
    method: "DELETE",
    path: "/approver-groups/{id}",
    summary: "Remove an approver group; refused (409) while a policy, an eligibility list, the default setting or a waiting request uses it",
    who: "admins",
    handle: ({ db, actor, params }) => deleteApproverGroup(db, { actor, groupId: params.id! }),
  }),
];
