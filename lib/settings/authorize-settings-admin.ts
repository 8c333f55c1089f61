import { type Actor, isAdmin } from "@/lib/auth/roles";
import { DomainError } from "@/lib/errors";

export function authorizeSettingsAdmin(actor: Actor) {
  if (!isAdmin(actor)) {
    throw new DomainError("forbidden:manage-settings", "Only Role Management and Global Administrators change PAM settings.");
  }
}

/**
 * Just-in-time membership decides who joins the organisation, as adding members does: Global
 * Administrators only. Role Management sees the setting but does not change it.
 */
export function authorizeJitSettings(actor: Actor) {
  if (!actor.roles.includes("global_admin")) {
    throw new DomainError(
      "forbidden:manage-sign-in-settings",
      "Only Global Administrators change who becomes a member on their first sign-in.",
    );
  }
}
