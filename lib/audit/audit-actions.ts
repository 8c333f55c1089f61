/**
 * Every audit action Elevate writes: the shape of its details and how a person reads it. The ids
 * are a contract (SIEM rules match on them, ../shared/docs/api.md, checked by audit-contract.test.ts);
 * the detail schemas type `audit.record` (audited-transaction.ts), so a write whose details drift
 * from its action's shape does not compile; the labels are for screens that are not the audit log
 * itself, such as the dashboard's recent activity, where `request.approved` means nothing to a
 * requester. The audit filter and the OpenAPI document list the actions from here.
 */
import { z } from "zod";
import { AUDIT_ACTION_NAMES, type AuditActionName } from "./audit-action-names";

const text = z.string();
const optionalText = z.string().nullish();
const emails = z.array(z.string());
/** `{ field: { from, to } }`: what a change changed. */
const changes = z.record(z.string(), z.unknown());

/**
 * What every event about a request repeats (aboutRequest): what it is for and whose it is, so a SIEM
 * reading one event need not find the `request.created`.
 */
export const requestAboutSchema = z.object({
  type: z.enum(["task", "role", "roleGroup"]),
  scope: text,
  target: text,
  /** The requester's email. */
  requester: text,
});
export type RequestAbout = z.infer<typeof requestAboutSchema>;
const about = requestAboutSchema.shape;
const quorum = { comment: optionalText, approvals: z.number().int(), required: z.number().int() };
/** Why someone other than the requester ended a pending request, and with what. */
const endedWith = { reason: optionalText, revokedWith: optionalText, releasedWith: optionalText, policyId: optionalText };
const requestOpened = {
  ...about,
  policyId: text,
  durationHours: z.number(),
  reason: text,
  ticket: optionalText,
  startsAt: optionalText,
  extends: optionalText,
};
const taskRun = {
  scope: text,
  task: text,
  parameters: z.record(z.string(), z.unknown()),
  decision: text,
  requestId: optionalText,
  runId: optionalText,
  error: optionalText,
};
const scopeAbout = { scope: text, kind: z.enum(["builtin", "external"]), description: optionalText };
const catalogNames = z.object({ tasks: z.array(text), roles: z.array(text), roleGroups: z.array(text) });
/** A built-in catalog installed into the organisation, or brought to a newer release of it. */
const builtinInstall = z.object({
  scope: text,
  kind: z.literal("builtin"),
  fromVersion: z.number().int().nullable(),
  toVersion: z.number().int(),
  added: catalogNames,
});

function action<D extends z.ZodType>(label: string, details: D) {
  return { label, details };
}

export const AUDIT_ACTION_TABLE = {
  "access.checked": action(
    "Checked access",
    z.object({ scope: text, task: text, user: text, allowed: z.boolean(), code: text, requestId: optionalText }),
  ),
  "admin.bootstrapped": action(
    "Made the first administrator",
    z.object({ email: text, createdOrganisation: z.boolean(), reenabled: z.boolean() }),
  ),
  "auth.refused": action("Sign-in refused", z.object({ method: text, reason: text, tenantId: optionalText })),
  "auth.signed-in": action("Signed in", z.object({ method: text })),
  "auth.signed-out": action("Signed out", z.object({})),
  "email.retried": action(
    "Sent an email again",
    z.object({ to: text, kind: text, subject: text, attempts: z.number().int(), lastError: optionalText }),
  ),
  "exclusion.added": action("Excluded an account from PAM", z.object({ account: text })),
  "exclusion.removed": action("Ended an account's exclusion from PAM", z.object({ account: text })),
  "group.created": action(
    "Created an approver group",
    z.object({ name: text, description: optionalText, members: emails, default: z.boolean().optional() }),
  ),
  "group.deleted": action(
    "Deleted an approver group",
    z.object({ name: text, description: optionalText, members: emails, source: optionalText }),
  ),
  "group.updated": action("Changed an approver group", z.object({ name: text, changes, members: emails })),
  "member.added": action(
    "Added a member",
    z.object({
      email: text,
      name: optionalText,
      roles: z.array(text),
      roleGroups: z.array(text).optional(),
      guest: z.boolean().optional(),
      kind: z.enum(["member", "guest"]).optional(),
      /** How the person came in: an import (`via`), or a first sign-in (`source`, `justInTime`). */
      via: optionalText,
      source: z.enum(["oidc", "email"]).optional(),
      justInTime: optionalText,
      tenantId: optionalText,
      domain: optionalText,
    }),
  ),
  "member.removed": action(
    "Removed a member",
    z.object({
      email: text,
      roles: z.array(text),
      guest: z.boolean(),
      excludedFromPam: z.boolean(),
      approverGroups: z.array(text),
      roleGroups: z.array(text),
      cancelledRequests: z.number().int(),
      revokedRequests: z.number().int(),
      endedSessions: z.number().int(),
      revokedTokens: z.number().int(),
    }),
  ),
  "member.updated": action(
    "Changed a member",
    z.object({
      email: text,
      changed: changes,
      endedSessions: z.number().int().optional(),
      revokedTokens: z.number().int().optional(),
      cancelledRequests: z.number().int().optional(),
      revokedRequests: z.number().int().optional(),
    }),
  ),
  "organisation.created": action("Created the organisation", z.object({ slug: text, name: text })),
  "pam.disabled": action("Turned PAM off", z.object({})),
  "pam.enabled": action("Turned PAM on", z.object({})),
  "policy.created": action(
    "Created a policy",
    // The policy as the API shows it; the demo's back-dated history carries a summary instead.
    z.union([
      z.object({ policy: z.record(z.string(), z.unknown()) }),
      z.object({ type: text, scope: text, target: text, approvalType: z.enum(["manual", "auto"]) }),
    ]),
  ),
  "policy.deleted": action(
    "Deleted a policy",
    z.object({ policy: z.record(z.string(), z.unknown()), cancelledRequests: z.number().int() }),
  ),
  "policy.updated": action("Changed a policy", z.object({ target: text, changed: changes })),
  "request.approval": action("Approved a request (more approvals needed)", z.object({ ...about, ...quorum })),
  "request.approved": action(
    "Approved a request",
    z.union([
      z.object({ ...about, ...quorum }),
      // By an automatic policy, at once: the system approved it.
      z.object({ ...about, policyId: text, automatic: z.literal(true) }),
    ]),
  ),
  "request.cancelled": action("Cancelled a request", z.object({ ...about, ...endedWith })),
  "request.created": action("Requested access", z.object(requestOpened)),
  "request.denied": action("Denied a request", z.object({ ...about, comment: optionalText })),
  "request.expired": action("A request expired undecided", z.object({ ...about, pendingUntil: text })),
  "request.extended": action("Asked to extend access", z.object(requestOpened)),
  "request.released": action(
    "Released access early",
    z.object({
      ...about,
      comment: optionalText,
      extensionsEnded: z.array(text).optional(),
      releasedWith: optionalText,
      scheduledStartsAt: optionalText,
      scheduledEndsAt: optionalText,
    }),
  ),
  "request.revoked": action(
    "Revoked access",
    z.object({ ...about, comment: text, extensionsEnded: z.array(text).optional(), revokedWith: optionalText }),
  ),
  "scope.registered": action(
    "Registered a scope",
    z.union([z.object({ ...scopeAbout, version: z.number().int() }), builtinInstall]),
  ),
  "scope.removed": action(
    "Removed a scope",
    z.object({ ...scopeAbout, version: z.number().int(), counts: z.object({ tasks: z.number(), roles: z.number(), roleGroups: z.number() }) }),
  ),
  "scope.updated": action(
    "Updated a scope's catalog",
    z.union([
      z.object({
        scope: text,
        kind: scopeAbout.kind,
        fromVersion: z.number().int(),
        version: z.number().int(),
        added: catalogNames,
        removed: catalogNames,
        changed: z.record(z.string(), z.unknown()),
        description: z.object({ from: text, to: text }).optional(),
      }),
      builtinInstall,
    ]),
  ),
  "settings.notifications": action("Changed the email notifications", z.object({ changed: changes })),
  "settings.updated": action("Changed the settings", z.object({ changed: changes })),
  "task.blocked": action("Was refused a task run", z.object(taskRun)),
  "task.executed": action("Ran a task", z.object(taskRun)),
  "task.failed": action("Ran a task that failed", z.object(taskRun)),
  "token.created": action(
    "Created an API token",
    z.object({ name: text, prefix: text, forUser: text, expiresAt: text }),
  ),
  "token.revoked": action("Revoked an API token", z.object({ name: text, prefix: text })),
} as const;

export type AuditAction = keyof typeof AUDIT_ACTION_TABLE;

// The browser's list of names (audit-action-names.ts) and this table hold the same actions: an
// action added to one and not the other does not compile.
type SameSet<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameActions: SameSet<AuditAction, AuditActionName> = true;
void sameActions;

/** Every action, in order (the audit filter's list, the OpenAPI enum). */
export const AUDIT_ACTIONS = [...AUDIT_ACTION_NAMES].sort() as [AuditAction, ...AuditAction[]];

/**
 * An action a filter names: one of the list, so a typo is told rather than answered with nothing
 * (free text in `q` still matches any action a log holds).
 */
export const auditActionFilter = z
  .string()
  // Typed as any text for callers (a query string, a select's value); refused unless it is one.
  .pipe(z.enum(AUDIT_ACTIONS, { error: "is not an action Elevate records" }))
  .meta({ enum: [...AUDIT_ACTIONS] });

/** What the actor did, read after their name ("ana@contoso.com · Approved a request"). */
export const AUDIT_ACTION_LABELS = Object.fromEntries(
  AUDIT_ACTIONS.map((a) => [a, AUDIT_ACTION_TABLE[a].label]),
) as Record<AuditAction, string>;

/** The details an action's event carries, as a write gives them. */
export type AuditDetails<A extends AuditAction> = z.input<(typeof AUDIT_ACTION_TABLE)[A]["details"]>;

/** Who acted, as the audit log records it (append-audit-event.ts's AuditActor). */
interface RecordedActor {
  type: "user" | "token" | "system";
  id?: string | null;
  email?: string | null;
  ip?: string | null;
  userAgent?: string | null;
}

/** One event as domain code records it: its details typed by its action. */
export type AuditEventOf<A extends AuditAction = AuditAction> = A extends AuditAction
  ? {
      organisationId: string;
      actor: RecordedActor;
      action: A;
      targetType?: string | null;
      targetId?: string | null;
      /** Only the demo seed back-dates its history; everything else takes the database clock. */
      backdatedTo?: Date;
    } & ({} extends AuditDetails<A> ? { details?: AuditDetails<A> } : { details: AuditDetails<A> })
  : never;

/** Whether an event's details have its action's shape (for tests and tooling; writes are checked by the compiler). */
export function auditDetailsSchema(action: AuditAction) {
  return AUDIT_ACTION_TABLE[action].details;
}

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
