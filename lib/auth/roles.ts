import type { AppRole } from "@/db/schema";

export const APP_ROLE_LABELS: Record<AppRole, string> = {
  global_admin: "Global Administrator",
  role_management: "Role Management",
  auditor: "Auditor",
};

/** What the signed-in person is, in this organisation: everything a permission check needs. */
export interface Actor {
  userId: string;
  email: string;
  name: string | null;
  organisationId: string;
  organisationName: string;
  kind: "member" | "guest";
  roles: AppRole[];
  excludedFromPam: boolean;
  approverGroups: { id: string; name: string }[];
  standingRoleGroups: string[];
  /** How the call came in, for the audit log: the admin center (a user) or an API token. */
  client?: { via: "user" | "token"; ip?: string | null; userAgent?: string | null };
}

/** Global Administrator includes Role Management. */
export function isAdmin(actor: Actor) {
  return actor.roles.includes("global_admin") || actor.roles.includes("role_management");
}

export type Permission =
  | "policies:manage"
  | "settings:manage"
  | "audit:read"
  | "requests:approve"
  | "access:view-active"
  | "members:view"
  | "members:manage";

/** The one table of who may do what. Global Administrator includes Role Management. */
export function can(actor: Actor, permission: Permission): boolean {
  const has = (role: AppRole) => actor.roles.includes(role);
  const admin = isAdmin(actor);
  // Guests never approve, whatever group they were put in.
  const approver = actor.kind === "member" && actor.approverGroups.length > 0;
  switch (permission) {
    case "policies:manage":
    case "settings:manage":
      return admin;
    case "audit:read":
      return admin || has("auditor");
    case "requests:approve":
      return approver;
    case "access:view-active":
      return admin || approver;
    case "members:view":
      return admin;
    // Who administers PAM is the Global Administrators' call alone.
    case "members:manage":
      return has("global_admin");
  }
}

/** The labels shown beside a person: their admin roles, or what they are without one. */
export function describeActor(actor: Pick<Actor, "roles" | "kind" | "excludedFromPam" | "approverGroups">): string[] {
  const labels = actor.roles.map((role) => APP_ROLE_LABELS[role]);
  if (actor.kind === "guest") labels.push("Guest");
  if (actor.kind === "member" && actor.approverGroups.length > 0) {
    labels.push(`Approver (${actor.approverGroups.map((g) => g.name).join(", ")})`);
  }
  if (actor.excludedFromPam) labels.push("Excluded system account");
  if (labels.length === 0) labels.push("Requestor");
  return labels;
}
