import { z } from "zod";
import { approveRequest } from "@/lib/approvals/approve-request";
import { denyRequest } from "@/lib/approvals/deny-request";
import { revokeRequest } from "@/lib/approvals/revoke-request";
import { cancelRequest } from "@/lib/requests/cancel-request";
import { createRequest } from "@/lib/requests/create-request";
import { extendRequest } from "@/lib/requests/extend-request";
import { getRequest } from "@/lib/requests/get-request";
import { listRequests } from "@/lib/requests/list-requests";
import { releaseRequest, releaseRequestInput } from "@/lib/requests/release-request";
import { commentInput, createRequestInput, extendRequestInput } from "@/lib/requests/request-input";
import { queryBoolean, queryCursor, queryLimit } from "./query";
import { endpoint } from "../endpoint";

const listQuery = z.strictObject({
  mine: queryBoolean.optional(),
  approvable: queryBoolean.optional(),
  active: queryBoolean.optional(),
  status: z.enum(["pending", "approved", "denied", "cancelled", "expired", "revoked"]).optional(),
  limit: queryLimit.optional(),
  cursor: queryCursor.optional(),
});
const optionalComment = commentInput(false);
const requiredComment = commentInput(true);

export const requestEndpoints = [
  endpoint<Record<string, never>, z.input<typeof createRequestInput>>({
    method: "POST",
    path: "/requests",
    summary: "Ask for just-in-time access (New-ElevatedAccessRequest); auto policies answer approved",
    who: "any",
    body: createRequestInput,
    status: 201,
    handle: ({ db, actor, body }) => createRequest(db, { actor, input: body }),
  }),
  endpoint<z.infer<typeof listQuery>>({
    method: "GET",
    path: "/requests",
    summary: "Requests: mine=true, approvable=true (to decide), active=true (open windows), or all (admins, auditors)",
    who: "any (all: admins, auditors)",
    query: listQuery,
    handle: ({ db, actor, query }) => listRequests(db, { actor, input: query }),
  }),
  endpoint({
    method: "GET",
    path: "/requests/{id}",
    summary: "One request (Get-ElevatedAccessRequest)",
    who: "requester, its approvers, admins, auditors",
    handle: ({ db, actor, params }) => getRequest(db, { actor, requestId: params.id! }),
  }),
  endpoint<Record<string, never>, z.input<typeof optionalComment>>({
    method: "POST",
    path: "/requests/{id}/approve",
    summary: "Record an approval (Approve-ElevatedAccessRequest); approved when the quorum is met",
    who: "approvers of its policy",
    body: optionalComment,
    handle: ({ db, actor, params, body }) => approveRequest(db, { actor, requestId: params.id!, comment: body.comment }),
  }),
  endpoint<Record<string, never>, z.input<typeof requiredComment>>({
    method: "POST",
    path: "/requests/{id}/deny",
    summary: "Deny with a comment (Deny-ElevatedAccessRequest)",
    who: "approvers of its policy",
    body: requiredComment,
    handle: ({ db, actor, params, body }) => denyRequest(db, { actor, requestId: params.id!, comment: body.comment! }),
  }),
  endpoint({
    method: "POST",
    path: "/requests/{id}/cancel",
    summary: "Withdraw a pending request",
    who: "requester, while pending",
    body: z.strictObject({}),
    handle: ({ db, actor, params }) => cancelRequest(db, { actor, requestId: params.id! }),
  }),
  endpoint<Record<string, never>, z.input<typeof requiredComment>>({
    method: "POST",
    path: "/requests/{id}/revoke",
    summary: "End an approved window now (Revoke-ElevatedAccessAuthorization)",
    who: "approvers of its policy, admins",
    body: requiredComment,
    handle: ({ db, actor, params, body }) => revokeRequest(db, { actor, requestId: params.id!, comment: body.comment! }),
  }),
  endpoint<Record<string, never>, z.input<typeof extendRequestInput>>({
    method: "POST",
    path: "/requests/{id}/extend",
    summary: "Ask to extend an active window: a linked request under the same policy",
    who: "requester",
    body: extendRequestInput,
    status: 201,
    handle: ({ db, actor, params, body }) => extendRequest(db, { actor, requestId: params.id!, input: body }),
  }),
  endpoint<Record<string, never>, z.infer<typeof releaseRequestInput>>({
    method: "POST",
    path: "/requests/{id}/release",
    summary: "End your own open window now, with its scheduled extension; its approvers are told",
    who: "requester, while the window is open",
    body: releaseRequestInput,
    handle: ({ db, actor, params, body }) => releaseRequest(db, { actor, requestId: params.id!, input: body }),
  }),
];
