import type { Actor } from "@/lib/auth/roles";
import type { AuditActor } from "./append-audit-event";

/** The audit log's view of the person acting: who, and whether through the UI or a token. */
export function auditActorOf(actor: Actor): AuditActor {
  return {
    type: actor.client?.via === "token" ? "token" : "user",
    id: actor.userId,
    email: actor.email,
    ip: actor.client?.ip ?? null,
    userAgent: actor.client?.userAgent ?? null,
  };
}
