import type { z } from "zod";
import { pageOf } from "@/lib/pagination";
import { createPolicy } from "@/lib/policies/create-policy";
import { deletePolicy } from "@/lib/policies/delete-policy";
import { getPolicy, listPolicies } from "@/lib/policies/list-policies";
import { createPolicyInput, updatePolicyInput } from "@/lib/policies/policy-input";
import type { PolicyView } from "@/lib/policies/policy-view";
import { updatePolicy } from "@/lib/policies/update-policy";
import { listPageQuery } from "./query";
import { endpoint } from "../endpoint";

/** Pages keep the order of the admin center's list: by scope, type and target (the id only breaks ties). */
const listOrder = (policy: PolicyView) => [policy.scope, policy.type, policy.target, policy.id].join("\u0001");

export const policyEndpoints = [
  endpoint<z.infer<typeof listPageQuery>>({
    method: "GET",
    path: "/policies",
    summary: "The organisation's privileged access policies (Get-ElevatedAccessApprovalPolicy)",
    who: "any",
    query: listPageQuery,
    handle: async ({ db, actor, query }) => pageOf(await listPolicies(db, { actor }), query, listOrder),
  }),
  endpoint<Record<string, never>, z.input<typeof createPolicyInput>>({
    method: "POST",
    path: "/policies",
    summary: "Create a policy (New-ElevatedAccessApprovalPolicy)",
    who: "admins",
    body: createPolicyInput,
    status: 201,
    handle: ({ db, actor, body }) => createPolicy(db, { actor, input: body }),
  }),
  endpoint({
    method: "GET",
    path: "/policies/{id}",
    summary: "One policy",
    who: "admins",
    handle: ({ db, actor, params }) => getPolicy(db, { actor, policyId: params.id! }),
  }),
  endpoint<Record<string, never>, z.input<typeof updatePolicyInput>>({
    method: "PATCH",
    path: "/policies/{id}",
    summary: "Change a policy (Set-ElevatedAccessApprovalPolicy)",
    who: "admins",
    body: updatePolicyInput,
    handle: ({ db, actor, params, body }) => updatePolicy(db, { actor, policyId: params.id!, input: body }),
  }),
  endpoint({
    method: "DELETE",
    path: "/policies/{id}",
    summary: "Remove a policy (Remove-ElevatedAccessApprovalPolicy); pending requests under it are cancelled",
    who: "admins",
    handle: ({ db, actor, params }) => deletePolicy(db, { actor, policyId: params.id! }),
  }),
];
