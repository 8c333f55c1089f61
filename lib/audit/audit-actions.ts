/**
 * Every audit action Elevate writes, and how a person reads it. The ids are a contract (SIEM rules
 * match on them, docs/api.md); the labels are for screens that are not the audit log itself, such
 * as the dashboard's recent activity, where `request.approved` means nothing to a requester.
 */
export const AUDIT_ACTIONS = [
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

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** What the actor did, read after their name ("ana@contoso.com · Approved a request"). */
export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  "access.checked": "Checked access",
  "admin.bootstrapped": "Made the first administrator",
  "auth.refused": "Sign-in refused",
  "auth.signed-in": "Signed in",
  "auth.signed-out": "Signed out",
  "email.retried": "Sent an email again",
  "exclusion.added": "Excluded an account from PAM",
  "exclusion.removed": "Ended an account's exclusion from PAM",
  "group.created": "Created an approver group",
  "group.deleted": "Deleted an approver group",
  "group.updated": "Changed an approver group",
  "member.added": "Added a member",
  "member.removed": "Removed a member",
  "member.updated": "Changed a member",
  "organisation.created": "Created the organisation",
  "pam.disabled": "Turned PAM off",
  "pam.enabled": "Turned PAM on",
  "policy.created": "Created a policy",
  "policy.deleted": "Deleted a policy",
  "policy.updated": "Changed a policy",
  "request.approval": "Approved a request (more approvals needed)",
  "request.approved": "Approved a request",
  "request.cancelled": "Cancelled a request",
  "request.created": "Requested access",
  "request.denied": "Denied a request",
  "request.expired": "A request expired undecided",
  "request.extended": "Asked to extend access",
  "request.released": "Released access early",
  "request.revoked": "Revoked access",
  "scope.registered": "Registered a scope",
  "scope.removed": "Removed a scope",
  "scope.updated": "Updated a scope's catalog",
  "settings.notifications": "Changed the email notifications",
  "settings.updated": "Changed the settings",
  "task.blocked": "Was refused a task run",
  "task.executed": "Ran a task",
  "task.failed": "Ran a task that failed",
  "token.created": "Created an API token",
  "token.revoked": "Revoked an API token",
};

const isKnown = (action: string): action is AuditAction => Object.hasOwn(AUDIT_ACTION_LABELS, action);

/** The label of an action; an id from a newer version than this one is shown as it is. */
export function auditActionLabel(action: string): string {
  return isKnown(action) ? AUDIT_ACTION_LABELS[action] : action;
}

/** What an event is about, when its details name it: the task, role or group of a request or run. */
export function auditEventSubject(details: unknown): string | null {
  if (typeof details !== "object" || details === null) return null;
  const { target, task } = details as Record<string, unknown>;
  const subject = typeof target === "string" ? target : typeof task === "string" ? task : null;
  return subject && subject.length > 0 ? subject : null;
}
