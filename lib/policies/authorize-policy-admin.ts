import { type Actor, isAdmin } from "@/lib/auth/roles";
import { DomainError } from "@/lib/errors";

export function authorizePolicyAdmin(actor: Actor) {
  if (!isAdmin(actor)) {
    throw new DomainError(
      "forbidden:manage-policies",
      "Only Role Management and Global Administrators manage privileged access policies.",
    );
  }
}
