import { type Actor, isAdmin } from "@/lib/auth/roles";
import { DomainError } from "@/lib/errors";

/** Email delivery shows who was mailed about what: administrators only. */
export function authorizeEmailAdmin(actor: Actor) {
  if (!isAdmin(actor)) {
    throw new DomainError("forbidden:email-delivery", "Only Role Management and Global Administrators see email delivery.");
  }
}
