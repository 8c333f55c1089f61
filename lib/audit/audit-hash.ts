import { createHash } from "node:crypto";
import { canonicalJson } from "./canonical-json";

/** The prevHash of an organisation's first event. */
export const GENESIS_HASH = "0".repeat(64);

export interface HashedEventFields {
  id: string;
  organisationId: string;
  seq: number;
  at: Date;
  actorType: string;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: unknown;
  ip: string | null;
  userAgent: string | null;
}

/** SHA-256 over the previous hash and the canonical encoding of every field of the event. */
export function auditEventHash(prevHash: string, event: HashedEventFields): string {
  return createHash("sha256")
    .update(prevHash)
    .update("\n")
    .update(canonicalJson({ ...event, at: event.at.toISOString() }))
    .digest("hex");
}
