/**
 * The names of every audit action, and nothing else: what a screen in the browser needs (the audit
 * filter's list) without the detail schemas of audit-actions.ts, whose zod objects would make the
 * browser try `new Function` (zod's fast path), which the pages' Content-Security-Policy refuses
 * and reports. audit-actions.ts gives each of these names its details and label; the compiler holds
 * the two to the same set.
 */
export const AUDIT_ACTION_NAMES = [
  "access.checked",
  "admin.bootstrapped",
  "auth.refused",
  "auth.signed-in",
  "auth.signed-out",
  "email.retried",
  "exclusion.added",
  "exclusion.removed",
  "group.created",
  "group.deleted",
  "group.updated",
  "member.added",
  "member.removed",
  "member.updated",
  "organisation.created",
  "pam.disabled",
  "pam.enabled",
  "policy.created",
  "policy.deleted",
  "policy.updated",
  "request.approval",
  "request.approved",
  "request.cancelled",
  "request.created",
  "request.denied",
  "request.expired",
  "request.extended",
  "request.released",
  "request.revoked",
  "scope.registered",
  "scope.removed",
  "scope.updated",
  "settings.notifications",
  "settings.updated",
  "task.blocked",
  "task.executed",
  "task.failed",
  "token.created",
  "token.revoked",
] as const;

export type AuditActionName = (typeof AUDIT_ACTION_NAMES)[number];
