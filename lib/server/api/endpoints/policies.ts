import { z } from "zod";
import { createPolicy } from "@/lib/policies/create-policy";
import { deletePolicy } from "@/lib/policies/delete-policy";
import { getPolicy, listPolicies } from "@/lib/policies/list-policies";
import { createPolicyInput, updatePolicyInput } from "@/lib/policies/policy-input";
import { updatePolicy } from "@/lib/policies/update-policy";
import { endpoint } from "../endpoint";

export const policyEndpoints = [
  endpoint({
    method: "GET",
    path: "/policies",
    summary: "The organisation's privileged access policies (Get-ElevatedAccessApprovalPolicy)",
    who: "any",
    handle: async ({ db, actor }) => ({ items: await listPolicies(db, { actor }), nextCursor: null }),
  }),
  endpoint<Record<string, never>, z.input<typeof createPolicyInput>>({
    method: "POST",
    path: "/policies",
    summary: "Create a policy (New-ElevatedAccessApprovalPolicy)",
    who: "admins",
    body: createPolicyInput as never,
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
    body: updatePolicyInput as never,
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
