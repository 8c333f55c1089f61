import { hash } from "node:crypto";
import { canonicalJson } from "./canonical-json";

/** The prevHash of an organisation's first event. */
export const GENESIS_HASH = "0".repeat(64);

export interface HashedEventFields {
  id: string;
  organisationId: string;
  seq: number;
  /** A Date, or its ISO 8601 form as `toISOString` gives it. */
  at: Date | string;
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

const text = (value: string | null) => (value === null ? "null" : JSON.stringify(value));

/**
 * The canonical encoding of an event: its fields in key order, `details` canonical too. Written
 * out by hand because verification encodes millions of events; it is byte for byte what
 * `canonicalJson` gives for the same object (a test holds it to that).
 */
export function encodeAuditEvent(event: HashedEventFields): string {
  return (
    `{"action":${text(event.action)},"actorEmail":${text(event.actorEmail)},"actorId":${text(event.actorId)}` +
    `,"actorType":${text(event.actorType)},"at":"${typeof event.at === "string" ? event.at : event.at.toISOString()}"` +
    `,"details":${canonicalJson(event.details ?? {})},"id":${text(event.id)},"ip":${text(event.ip)}` +
    `,"organisationId":${text(event.organisationId)},"seq":${event.seq},"targetId":${text(event.targetId)}` +
    `,"targetType":${text(event.targetType)},"userAgent":${text(event.userAgent)}}`
  );
}

/**
 * SHA-256 over the previous hash, a newline and the canonical encoding of every field of the event.
 * One-shot `hash` rather than a Hash object: verification takes a million of these, and the object
 * and its three calls cost more than the digest.
 */
export function auditEventHash(prevHash: string, event: HashedEventFields): string {
  return hash("sha256", `${prevHash}\n${encodeAuditEvent(event)}`, "hex");
}
