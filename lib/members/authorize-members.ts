import { type Actor, can } from "@/lib/auth/roles";
import { DomainError } from "@/lib/errors";

/** Administrators (Role Management included) see who is in the organisation. */
export function authorizeMemberReader(actor: Actor) {
  if (!can(actor, "members:view")) {
    throw new DomainError("forbidden:view-members", "Only Role Management and Global Administrators see the organisation's members.");
  }
}

/** Only Global Administrators add, change and remove members: who administers PAM is theirs to decide. */
export function authorizeMemberManager(actor: Actor) {
  if (!can(actor, "members:manage")) {
    throw new DomainError("forbidden:manage-members", "Only Global Administrators add, change or remove members.");
  }
}
