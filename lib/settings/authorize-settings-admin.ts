import { type Actor, isAdmin } from "@/lib/auth/roles";
import { DomainError } from "@/lib/errors";

export function authorizeSettingsAdmin(actor: Actor) {
  if (!isAdmin(actor)) {
    throw new DomainError("forbidden:manage-settings", "Only Role Management and Global Administrators change PAM settings.");
  }
}
