import { type Actor, can } from "@/lib/auth/roles";
import { DomainError } from "@/lib/errors";

/**
 * Registering, changing and removing scopes is organisation configuration, beside approver groups in
 * Settings: `settings:manage` (Role Management and Global Administrators).
 */
export function authorizeScopeAdmin(actor: Actor) {
  if (!can(actor, "settings:manage")) {
    throw new DomainError("forbidden:manage-scopes", "Only Role Management and Global Administrators register or change scopes.");
  }
}
