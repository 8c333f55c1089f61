import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { auditEventHash, encodeAuditEvent } from "./audit-hash";
import { canonicalJson } from "./canonical-json";

const event = {
  id: "7c1f6a4e-0000-4000-8000-000000000001",
  organisationId: "7c1f6a4e-0000-4000-8000-0000000000aa",
  seq: 42,
  at: new Date("2026-11-24T10:00:00.123Z"),
  actorType: "user",
  actorId: "u-1",
  actorEmail: "approver1@contoso.com",
  action: "request.approved",
  targetType: "request",
  targetId: "r-1",
  details: { z: [1, { b: "x", a: null }], comment: 'He said "yes" \u2014 fine\n', approvals: 2 },
  ip: null,
  userAgent: "Mozilla/5.0",
};

describe("the audit event encoding", () => {
  it("is exactly the canonical JSON of the event, keys sorted at every depth", () => {
    expect(encodeAuditEvent(event)).toBe(canonicalJson({ ...event, at: event.at.toISOString() }));
    expect(encodeAuditEvent(event)).toContain('"details":{"approvals":2,"comment":');
  });

  it("changes the hash when any field or the previous hash changes", () => {
    const base = auditEventHash("0".repeat(64), event);
    // The documented construction, computed independently: existing chains must keep verifying.
    expect(base).toBe(createHash("sha256").update(`${"0".repeat(64)}\n${encodeAuditEvent(event)}`, "utf8").digest("hex"));
    expect(auditEventHash("0".repeat(64), { ...event })).toBe(base);
    expect(auditEventHash("1".repeat(64), event)).not.toBe(base);
    expect(auditEventHash("0".repeat(64), { ...event, details: { ...event.details, approvals: 3 } })).not.toBe(base);
    expect(auditEventHash("0".repeat(64), { ...event, at: new Date(event.at.getTime() + 1) })).not.toBe(base);
  });
});
