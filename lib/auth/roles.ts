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
