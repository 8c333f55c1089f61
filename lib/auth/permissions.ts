/**
 * The one table of who may do what in an organisation. Pages and menus ask `can` to decide what
 * to show; every domain function calls `authorize`, which refuses with `forbidden:<permission>`.
 * A new feature adds its permission here, once, and the authorisation matrix test
 * (lib/authorization-matrix.test.ts) walks it.
 *
 * Rules that depend on a particular request rather than on who the person is (approving: a member
 * of that request's approver group, never its requester) live beside the request, in
 * lib/approvals/authorize-approver.ts; this table says only who holds a permission at all.
 */
import type { AppRole } from "@/db/schema";
import { DomainError } from "@/lib/errors";
import type { Actor } from "./roles";

type Holder = (actor: Actor) => boolean;

const hasRole = (role: AppRole): Holder => (actor) => actor.roles.includes(role);
/** Global Administrator includes Role Management. */
const administrator: Holder = (actor) => hasRole("global_admin")(actor) || hasRole("role_management")(actor);
const globalAdministrator = hasRole("global_admin");
const auditor = hasRole("auditor");
/** Guests never approve, whatever group they were put in. */
const approver: Holder = (actor) => actor.kind === "member" && actor.approverGroups.length > 0;

interface PermissionRule {
  /** Who holds it. */
  holds: Holder;
  /** What a person without it is told, naming who holds it. */
  refusal: string;
}

export const PERMISSIONS = {
  "manage-policies": {
    holds: administrator,
    refusal: "Only Role Management and Global Administrators manage privileged access policies.",
  },
  "manage-settings": {
    holds: administrator,
    refusal: "Only Role Management and Global Administrators change PAM settings.",
  },
  // Just-in-time membership decides who joins the organisation, as adding members does.
  "manage-sign-in-settings": {
    holds: globalAdministrator,
    refusal: "Only Global Administrators change who becomes a member on their first sign-in.",
  },
  // Scopes are organisation configuration, beside approver groups in Settings.
  "manage-scopes": {
    holds: administrator,
    refusal: "Only Role Management and Global Administrators register or change scopes.",
  },
  // Email delivery shows who was mailed about what.
  "email-delivery": {
    holds: administrator,
    refusal: "Only Role Management and Global Administrators see email delivery.",
  },
  "read-audit": {
    holds: (actor) => administrator(actor) || auditor(actor),
    refusal: "Only auditors and administrators read the audit log.",
  },
  "view-members": {
    holds: administrator,
    refusal: "Only Role Management and Global Administrators see the organisation's members.",
  },
  // Who administers PAM is the Global Administrators' call alone.
  "manage-members": {
    holds: globalAdministrator,
    refusal: "Only Global Administrators add, change or remove members.",
  },
  // Deciding a given request also needs membership of its approver group (authorize-approver.ts).
  "approve-requests": {
    holds: approver,
    refusal: "Only members of an approver group decide requests.",
  },
  "view-active-access": {
    holds: (actor) => administrator(actor) || approver(actor),
    refusal: "Only administrators and approvers see who holds access now.",
  },
  "list-requests": {
    holds: (actor) => administrator(actor) || auditor(actor),
    refusal: "Only administrators and auditors list everyone's requests: use mine or approvable.",
  },
  // Any grant of the organisation; an approver revokes the grants of their own group (revoke-request.ts).
  revoke: {
    holds: administrator,
    refusal: "Only the policy's approvers and administrators revoke access.",
  },
  "check-others": {
    holds: administrator,
    refusal: "Only administrators check another person's access.",
  },
  "request-stats": {
    holds: administrator,
    refusal: "Request statistics are for administrators.",
  },
} as const satisfies Record<string, PermissionRule>;

export type Permission = keyof typeof PERMISSIONS;

export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];

/** Whether the person holds the permission: for what a screen shows. */
export function can(actor: Actor, permission: Permission): boolean {
  return PERMISSIONS[permission].holds(actor);
}

/** The refusal of a permission, for a domain function that found it missing in its own way. */
export function refusalOf(permission: Permission) {
  return new DomainError(`forbidden:${permission}`, PERMISSIONS[permission].refusal);
}

/** Refuses, with `forbidden:<permission>`, a person who does not hold the permission. */
export function authorize(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) throw refusalOf(permission);
}
