/**
 * The whole data model of Elevate. Every domain row carries `organisationId`: one deployment hosts
 * several organisations and no query may cross them. Column names are snake_case in Postgres
 * (drizzle `casing: "snake_case"`), camelCase here.
 *
 * Durations are whole minutes: requests come in 0.25-hour steps, so minutes are exact.
 */
import { relations, sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();
const organisationId = () =>
  uuid()
    .notNull()
    .references(() => organisations.id, { onDelete: "cascade" });

// ---------------------------------------------------------------------------------------------
// Enums
// ---------------------------------------------------------------------------------------------

/** Admin roles of the app. Every member is a requestor; approvers are made by group membership. */
export const appRole = pgEnum("app_role", ["global_admin", "role_management", "auditor"]);
/** Guests may request but never approve. */
export const membershipKind = pgEnum("membership_kind", ["member", "guest"]);
export const scopeKind = pgEnum("scope_kind", ["builtin", "external"]);
export const targetType = pgEnum("target_type", ["task", "role", "role_group"]);
export const approvalType = pgEnum("approval_type", ["manual", "auto"]);
export const requestStatus = pgEnum("request_status", [
  "pending",
  "approved",
  "denied",
  "cancelled",
  "expired",
  "revoked",
]);
export const decisionKind = pgEnum("decision_kind", ["approve", "deny"]);
export const runOutcome = pgEnum("run_outcome", ["succeeded", "blocked", "failed"]);
export const actorType = pgEnum("actor_type", ["user", "token", "system"]);
export const emailStatus = pgEnum("email_status", ["pending", "sending", "sent", "failed", "dev"]);
/** Where a member or group came from: the admin center/API/CLI, SCIM provisioning, or a first OIDC sign-in. */
export const memberSource = pgEnum("member_source", ["local", "scim", "oidc"]);
export const groupSource = pgEnum("group_source", ["local", "scim"]);

// ---------------------------------------------------------------------------------------------
// Tenancy, people and Auth.js
// ---------------------------------------------------------------------------------------------

export const organisations = pgTable("organisations", {
  id: uuid().primaryKey().defaultRandom(),
  slug: text().notNull().unique(),
  name: text().notNull(),
  pamEnabled: boolean().notNull().default(true),
  defaultApproverGroupId: uuid().references((): AnyPgColumn => approverGroups.id, {
    onDelete: "set null",
  }),
  policyLimit: integer().notNull().default(30),
  maxDurationMinutes: integer().notNull().default(24 * 60),
  defaultPendingLifetimeMinutes: integer().notNull().default(24 * 60),
  /** Minutes before a window ends that its holder is warned by email. */
  endingSoonNoticeMinutes: integer().notNull().default(15),
  notificationSettings: jsonb().$type<Record<string, boolean>>().notNull().default({}), // email switch per event (lib/notify/notification-events.ts); a missing key means on
  /** Just-in-time membership: people of these email domains become plain members on their first sign-in. */
  jitEmailDomains: text().array().notNull().default(sql`'{}'::text[]`),
  /** Just-in-time membership: people of these Entra tenants (`tid`) become plain members on their first Entra sign-in. */
  jitEntraTenantIds: text().array().notNull().default(sql`'{}'::text[]`),
  /**
   * The Entra tenants whose sign-ins this organisation believes at all. Empty: only the tenant of
   * the deployment's AUTH_MICROSOFT_ENTRA_ID_ISSUER (none, for a multi-tenant issuer). Tenants
   * listed for just-in-time membership are believed too.
   */
  entraTenantIds: text().array().notNull().default(sql`'{}'::text[]`),
  /** Made by the demo seed (or the test fixtures): its members may use the one-click demo sign-in in demo mode. */
  demo: boolean().notNull().default(false),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** Auth.js `user`: a person, global to the deployment; what they may do lives in memberships. */
export const users = pgTable("users", {
  id: text()
    .primaryKey()
    .$defaultFn(() => crypto.randomUUID()),
  name: text(),
  email: text().notNull().unique(),
  emailVerified: timestamp({ withTimezone: true, mode: "date" }),
  image: text(),
  createdAt: createdAt(),
});

export const memberships = pgTable(
  "memberships",
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: organisationId(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: membershipKind().notNull().default("member"),
    roles: appRole().array().notNull().default(sql`'{}'::app_role[]`),
    /** Excluded (system) accounts bypass PAM; each exclusion is audited and listed for review. */
    excludedFromPam: boolean().notNull().default(false),
    /** A disabled member cannot sign in; disabling ends their sessions and revokes their tokens. */
    disabledAt: timestamp({ withTimezone: true }),
    source: memberSource().notNull().default("local"),
    /** When the invitation email was queued (members added by an administrator). */
    invitedAt: timestamp({ withTimezone: true }),
    lastSignInAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("memberships_org_user_uq").on(t.organisationId, t.userId),
    index("memberships_user_idx").on(t.userId),
  ],
);

/** Auth.js `account`: links an OAuth identity (Microsoft Entra ID) to a user. */
export const accounts = pgTable(
  "accounts",
  {
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: text().notNull(),
    provider: text().notNull(),
    providerAccountId: text().notNull(),
    refresh_token: text(),
    access_token: text(),
    expires_at: integer(),
    token_type: text(),
    scope: text(),
    id_token: text(),
    session_state: text(),
  },
  (t) => [primaryKey({ columns: [t.provider, t.providerAccountId] })],
);

/**
 * Server-side sessions. The browser holds a signed JWT naming `sessionToken`; every request checks
 * this row, so signing out, expiry and disabling a member end the session at once. The shape is
 * Auth.js's `session` table plus the organisation and the end marker.
 */
export const sessions = pgTable(
  "sessions",
  {
    sessionToken: text().primaryKey(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    organisationId: uuid().references(() => organisations.id, { onDelete: "cascade" }),
    expires: timestamp({ withTimezone: true, mode: "date" }).notNull(),
    endedAt: timestamp({ withTimezone: true }),
    ip: text(),
    userAgent: text(),
    createdAt: createdAt(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/** Auth.js `verificationToken`: the one-time tokens of magic-link sign-in (stored hashed by Auth.js). */
export const verificationTokens = pgTable(
  "verification_tokens",
  {
    identifier: text().notNull(),
    token: text().notNull(),
    expires: timestamp({ withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.identifier, t.token] })],
);

export const approverGroups = pgTable(
  "approver_groups",
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: organisationId(),
    name: text().notNull(),
    description: text().notNull().default(""),
    source: groupSource().notNull().default("local"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("approver_groups_org_name_uq").on(t.organisationId, t.name)],
);

export const approverGroupMembers = pgTable(
  "approver_group_members",
  {
    organisationId: organisationId(),
    groupId: uuid()
      .notNull()
      .references(() => approverGroups.id, { onDelete: "cascade" }),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.groupId, t.userId] }),
    // "Which groups is this user in?" drives the inbox.
    index("approver_group_members_user_idx").on(t.organisationId, t.userId),
  ],
);

// ---------------------------------------------------------------------------------------------
// The managed workload: scopes, tasks, roles, role groups (Exchange RBAC shape)
// ---------------------------------------------------------------------------------------------

export const scopes = pgTable(
  "scopes",
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: organisationId(),
    name: text().notNull(),
    kind: scopeKind().notNull().default("builtin"),
    description: text().notNull().default(""),
    /** Built-in: the catalog release installed (lib/catalog/builtin). External: bumped by every catalog change. */
    version: integer().notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("scopes_org_name_uq").on(t.organisationId, t.name)],
);

export const tasks = pgTable(
  "tasks",
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: organisationId(),
    scopeId: uuid()
      .notNull()
      .references(() => scopes.id, { onDelete: "cascade" }),
    name: text().notNull(),
    description: text().notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("tasks_scope_name_uq").on(t.scopeId, t.name)],
);

export const roles = pgTable(
  "roles",
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: organisationId(),
    scopeId: uuid()
      .notNull()
      .references(() => scopes.id, { onDelete: "cascade" }),
    name: text().notNull(),
    description: text().notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("roles_scope_name_uq").on(t.scopeId, t.name)],
);

export const roleTasks = pgTable(
  "role_tasks",
  {
    organisationId: organisationId(),
    roleId: uuid()
      .notNull()
      .references(() => roles.id, { onDelete: "cascade" }),
    taskId: uuid()
      .notNull()
      .references(() => tasks.id, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ columns: [t.roleId, t.taskId] }),
    // The access decision walks task → roles.
    index("role_tasks_task_idx").on(t.taskId),
  ],
);

export const roleGroups = pgTable(
  "role_groups",
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: organisationId(),
    scopeId: uuid()
      .notNull()
      .references(() => scopes.id, { onDelete: "cascade" }),
    name: text().notNull(),
    description: text().notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("role_groups_scope_name_uq").on(t.scopeId, t.name)],
);

export const roleGroupRoles = pgTable(
  "role_group_roles",
  {
    organisationId: organisationId(),
    roleGroupId: uuid()
      .notNull()
      .references(() => roleGroups.id, { onDelete: "cascade" }),
    roleId: uuid()
      .notNull()
      .references(() => roles.id, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ columns: [t.roleGroupId, t.roleId] }),
    index("role_group_roles_role_idx").on(t.roleId),
  ],
);

/** Standing (ordinary RBAC) role-group assignments: what a user may do when no policy applies. */
export const roleGroupAssignments = pgTable(
  "role_group_assignments",
  {
    organisationId: organisationId(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    roleGroupId: uuid()
      .notNull()
      .references(() => roleGroups.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.roleGroupId] }),
    index("role_group_assignments_org_user_idx").on(t.organisationId, t.userId),
  ],
);

// ---------------------------------------------------------------------------------------------
// Policies, requests, approvals, runs
// ---------------------------------------------------------------------------------------------

/**
 * A policy targets exactly one task, role or role group. The three nullable references (instead
 * of one untyped id) let Postgres enforce that the target exists and belongs to the catalog;
 * the unique indexes give "one policy per (scope, type, target)".
 */
export const policies = pgTable(
  "policies",
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: organisationId(),
    scopeId: uuid()
      .notNull()
      .references(() => scopes.id, { onDelete: "restrict" }),
    targetType: targetType().notNull(),
    taskId: uuid().references(() => tasks.id, { onDelete: "restrict" }),
    roleId: uuid().references(() => roles.id, { onDelete: "restrict" }),
    roleGroupId: uuid().references(() => roleGroups.id, { onDelete: "restrict" }),
    approvalType: approvalType().notNull().default("manual"),
    approverGroupId: uuid()
      .notNull()
      .references(() => approverGroups.id, { onDelete: "restrict" }),
    requiredApprovals: integer().notNull().default(1),
    maxDurationMinutes: integer().notNull().default(8 * 60),
    defaultDurationMinutes: integer().notNull().default(4 * 60),
    pendingLifetimeMinutes: integer().notNull().default(24 * 60),
    reasonRequired: boolean().notNull().default(true),
    reasonPattern: text(),
    ticketRequired: boolean().notNull().default(false),
    ticketPattern: text(),
    enabled: boolean().notNull().default(true),
    /**
     * True: the approved window grants the target (Entra PIM's way). False: it only unlocks tasks the
     * requester's standing role groups already contain (Office 365 PAM's way).
     */
    windowGrants: boolean().notNull().default(true),
    createdBy: text().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("policies_task_uq").on(t.taskId).where(sql`${t.taskId} is not null`),
    uniqueIndex("policies_role_uq").on(t.roleId).where(sql`${t.roleId} is not null`),
    uniqueIndex("policies_role_group_uq")
      .on(t.roleGroupId)
      .where(sql`${t.roleGroupId} is not null`),
    index("policies_org_idx").on(t.organisationId),
    check(
      "policies_one_target",
      sql`(${t.targetType} = 'task' and ${t.taskId} is not null and ${t.roleId} is null and ${t.roleGroupId} is null)
       or (${t.targetType} = 'role' and ${t.roleId} is not null and ${t.taskId} is null and ${t.roleGroupId} is null)
       or (${t.targetType} = 'role_group' and ${t.roleGroupId} is not null and ${t.taskId} is null and ${t.roleId} is null)`,
    ),
    check("policies_required_approvals", sql`${t.requiredApprovals} >= 1`),
    check(
      "policies_durations",
      sql`${t.defaultDurationMinutes} > 0 and ${t.defaultDurationMinutes} <= ${t.maxDurationMinutes}`,
    ),
  ],
);

/**
 * A just-in-time request. The target is copied from the policy so history survives policy edits;
 * the approver group is captured when the request is made, so the inbox is one indexed lookup.
 */
export const accessRequests = pgTable(
  "access_requests",
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: organisationId(),
    policyId: uuid().references(() => policies.id, { onDelete: "set null" }),
    requesterId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    targetType: targetType().notNull(),
    taskId: uuid().references(() => tasks.id, { onDelete: "cascade" }),
    roleId: uuid().references(() => roles.id, { onDelete: "cascade" }),
    roleGroupId: uuid().references(() => roleGroups.id, { onDelete: "cascade" }),
    approverGroupId: uuid().references(() => approverGroups.id, { onDelete: "set null" }),
    requiredApprovals: integer().notNull().default(1),
    status: requestStatus().notNull().default("pending"),
    durationMinutes: integer().notNull(),
    reason: text().notNull().default(""),
    ticket: text(),
    requestedStartAt: timestamp({ withTimezone: true }),
    pendingUntil: timestamp({ withTimezone: true }).notNull(),
    decidedAt: timestamp({ withTimezone: true }),
    startsAt: timestamp({ withTimezone: true }),
    endsAt: timestamp({ withTimezone: true }),
    revokedBy: text().references(() => users.id, { onDelete: "set null" }),
    revokedAt: timestamp({ withTimezone: true }),
    revocationComment: text(),
    extendsRequestId: uuid().references((): AnyPgColumn => accessRequests.id, {
      onDelete: "set null",
    }),
    createdAt: createdAt(),
  },
  (t) => [
    // The access decision: this user's approved grants whose window may contain now.
    index("access_requests_grant_idx")
      .on(t.requesterId, t.endsAt)
      .where(sql`${t.status} = 'approved'`),
    // The approver inbox: pending requests of the caller's groups, oldest first.
    index("access_requests_inbox_idx")
      .on(t.approverGroupId, t.createdAt)
      .where(sql`${t.status} = 'pending'`),
    index("access_requests_org_created_idx").on(t.organisationId, t.createdAt),
    index("access_requests_requester_idx").on(t.requesterId, t.createdAt),
    check("access_requests_duration", sql`${t.durationMinutes} > 0`),
  ],
);

/**
 * Who may request a policy: approver groups and members. A policy with no rows here is open to every
 * member but guests. A group in use here cannot be deleted (`restrict`): dropping the row would widen
 * the policy to everyone.
 */
export const policyEligibility = pgTable(
  "policy_eligibility",
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: organisationId(),
    policyId: uuid()
      .notNull()
      .references(() => policies.id, { onDelete: "cascade" }),
    groupId: uuid().references(() => approverGroups.id, { onDelete: "restrict" }),
    userId: text().references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [
    uniqueIndex("policy_eligibility_group_uq").on(t.policyId, t.groupId).where(sql`${t.groupId} is not null`),
    uniqueIndex("policy_eligibility_user_uq").on(t.policyId, t.userId).where(sql`${t.userId} is not null`),
    index("policy_eligibility_group_idx").on(t.groupId),
    // "Does this policy restrict who may ask at all?" on the access decision's path.
    index("policy_eligibility_policy_idx").on(t.policyId),
    check("policy_eligibility_one", sql`(${t.groupId} is null) <> (${t.userId} is null)`),
  ],
);

export const approvals = pgTable(
  "approvals",
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: organisationId(),
    requestId: uuid()
      .notNull()
      .references(() => accessRequests.id, { onDelete: "cascade" }),
    approverId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    decision: decisionKind().notNull(),
    comment: text(),
    createdAt: createdAt(),
  },
  (t) => [
    // One decision per approver per request: a quorum of N needs N distinct people.
    uniqueIndex("approvals_request_approver_uq").on(t.requestId, t.approverId),
    index("approvals_approver_idx").on(t.approverId, t.createdAt),
  ],
);

export const taskRuns = pgTable(
  "task_runs",
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: organisationId(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    scopeId: uuid()
      .notNull()
      .references(() => scopes.id, { onDelete: "cascade" }),
    taskId: uuid()
      .notNull()
      .references(() => tasks.id, { onDelete: "cascade" }),
    /** The grant the run used, when it ran under a policy. */
    requestId: uuid().references(() => accessRequests.id, { onDelete: "set null" }),
    outcome: runOutcome().notNull(),
    /** Parameters with secrets redacted. */
    parameters: jsonb().notNull().default({}),
    result: jsonb(),
    error: text(),
    decisionReason: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("task_runs_org_created_idx").on(t.organisationId, t.createdAt),
    index("task_runs_user_idx").on(t.userId, t.createdAt),
  ],
);

// ---------------------------------------------------------------------------------------------
// Audit: append-only and hash-chained per organisation
// ---------------------------------------------------------------------------------------------

/**
 * `seq` numbers each organisation's events 1, 2, 3… and `prevHash` links them; the head row in
 * `audit_chain_heads` is locked by every writer so concurrent writers never fork the chain.
 * Triggers (see the migrations) reject UPDATE, DELETE and TRUNCATE on this table.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: organisationId(),
    seq: bigint({ mode: "number" }).notNull(),
    at: timestamp({ withTimezone: true }).notNull(),
    actorType: actorType().notNull(),
    actorId: text(),
    actorEmail: text(),
    action: text().notNull(),
    targetType: text(),
    targetId: text(),
    details: jsonb().notNull().default({}),
    ip: text(),
    userAgent: text(),
    prevHash: text().notNull(),
    hash: text().notNull(),
  },
  (t) => [
    uniqueIndex("audit_events_org_seq_uq").on(t.organisationId, t.seq),
    index("audit_events_org_at_idx").on(t.organisationId, t.at, t.seq),
    index("audit_events_org_action_idx").on(t.organisationId, t.action, t.at),
    index("audit_events_org_target_idx").on(t.organisationId, t.targetId),
    index("audit_events_org_actor_idx").on(t.organisationId, t.actorEmail, t.at),
  ],
);

export const auditChainHeads = pgTable("audit_chain_heads", {
  organisationId: uuid()
    .primaryKey()
    .references(() => organisations.id, { onDelete: "cascade" }),
  lastSeq: bigint({ mode: "number" }).notNull().default(0),
  lastHash: text().notNull(),
  /** The last event's time: the next may not be earlier, whatever clock or snapshot it comes from. */
  lastAt: timestamp({ withTimezone: true }),
});

// ---------------------------------------------------------------------------------------------
// Email outbox and API tokens
// ---------------------------------------------------------------------------------------------

/**
 * Written in the same transaction as the change that causes the message. `(eventKey, toEmail)` is
 * unique, so one event never mails one person twice, and it doubles as Resend's idempotency key.
 * Status `dev` marks messages kept for the in-app dev mailbox (no RESEND_API_KEY).
 *
 * `channel` names who delivers the row (lib/notify/channels: `email` today; chat and webhooks add
 * theirs). `payload` is what the message is about (its kind and the data the caller held), and
 * the worker renders it at delivery: `html` and `text` stay empty until then, and keep what was
 * sent afterwards. A row without a payload (a sign-in link, a row queued before 0010) carries its
 * rendered body from the start.
 */
export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: organisationId(),
    eventKey: text().notNull(),
    kind: text().notNull(),
    channel: text().notNull().default("email"),
    toEmail: text().notNull(),
    subject: text().notNull(),
    html: text().notNull(),
    text: text().notNull(),
    payload: jsonb().$type<Record<string, unknown>>(),
    status: emailStatus().notNull().default("pending"),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lockedUntil: timestamp({ withTimezone: true }),
    lastError: text(),
    providerMessageId: text(),
    sentAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("email_outbox_event_recipient_uq").on(t.eventKey, t.toEmail),
    index("email_outbox_due_idx")
      .on(t.channel, t.nextAttemptAt)
      .where(sql`${t.status} in ('pending', 'sending')`),
    index("email_outbox_org_created_idx").on(t.organisationId, t.createdAt),
  ],
);

/** Personal API tokens: only a keyed hash is stored; `prefix` is what people see in lists. */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: organisationId(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text().notNull(),
    prefix: text().notNull(),
    tokenHash: text().notNull().unique(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    lastUsedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("api_tokens_user_idx").on(t.userId)],
);

/**
 * Fixed-window request counters for rate limits, in Postgres so every app instance shares them.
 * `key` names what is limited ("api:token:<id>", "api:ip:<address>", "sign-in:ip:<address>").
 */
export const rateLimits = pgTable(
  "rate_limits",
  {
    key: text().primaryKey(),
    windowStart: timestamp({ withTimezone: true }).notNull().defaultNow(),
    count: integer().notNull().default(0),
  },
  // The sweeper's prune finds windows that are over by their start, without scanning the table.
  (t) => [index("rate_limits_window_start_idx").on(t.windowStart)],
);

// ---------------------------------------------------------------------------------------------
// The demo Exchange workload: the real tables the runspace's task handlers work on
// ---------------------------------------------------------------------------------------------
// Names, aliases and addresses are unique per organisation case-insensitively (`lower(…)` indexes),
// as Exchange compares them; the handlers look them up the same way.

export const exchangeMailboxes = pgTable(
  "exchange_mailboxes",
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: organisationId(),
    alias: text().notNull(),
    displayName: text().notNull(),
    primarySmtpAddress: text().notNull(),
    recipientType: text({ enum: ["UserMailbox", "SharedMailbox"] }).notNull().default("UserMailbox"),
    litigationHoldEnabled: boolean().notNull().default(false),
    forwardingSmtpAddress: text(),
    deliverToMailboxAndForward: boolean().notNull().default(false),
    // Exchange Online defaults: warn at 98 GB, stop sending at 99 GB.
    issueWarningQuotaMb: integer().notNull().default(98 * 1024),
    prohibitSendQuotaMb: integer().notNull().default(99 * 1024),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("exchange_mailboxes_org_alias_uq").on(t.organisationId, sql`lower(${t.alias})`),
    uniqueIndex("exchange_mailboxes_org_smtp_uq").on(t.organisationId, sql`lower(${t.primarySmtpAddress})`),
    check("exchange_mailboxes_recipient_type", sql`${t.recipientType} in ('UserMailbox', 'SharedMailbox')`),
    check(
      "exchange_mailboxes_quotas",
      sql`0 < ${t.issueWarningQuotaMb} and ${t.issueWarningQuotaMb} <= ${t.prohibitSendQuotaMb}`,
    ),
  ],
);

export const exchangeMailboxPermissions = pgTable(
  "exchange_mailbox_permissions",
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: organisationId(),
    mailboxId: uuid()
      .notNull()
      .references(() => exchangeMailboxes.id, { onDelete: "cascade" }),
    /** The trustee's primary SMTP address, lower case. */
    user: text().notNull(),
    accessRights: text().array().notNull(),
    inheritanceType: text({ enum: ["All", "None", "Children", "Descendents", "SelfAndChildren"] })
      .notNull()
      .default("All"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("exchange_mailbox_permissions_mailbox_user_uq").on(t.mailboxId, t.user)],
);

export const exchangeJournalRules = pgTable(
  "exchange_journal_rules",
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: organisationId(),
    name: text().notNull(),
    /** Null journals every recipient. */
    recipient: text(),
    journalEmailAddress: text().notNull(),
    scope: text({ enum: ["Global", "Internal", "External"] }).notNull().default("Global"),
    // New-JournalRule creates rules disabled unless -Enabled $true is given.
    enabled: boolean().notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("exchange_journal_rules_org_name_uq").on(t.organisationId, sql`lower(${t.name})`),
    check("exchange_journal_rules_scope", sql`${t.scope} in ('Global', 'Internal', 'External')`),
  ],
);

export const exchangeTransportRules = pgTable(
  "exchange_transport_rules",
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: organisationId(),
    name: text().notNull(),
    /** 0 runs first. Not unique: inserting a rule shifts the ones after it in one update. */
    priority: integer().notNull(),
    state: text({ enum: ["Enabled", "Disabled"] }).notNull().default("Enabled"),
    mode: text({ enum: ["Enforce", "Audit", "AuditAndNotify"] }).notNull().default("Enforce"),
    /** Condition and action parameters by their PowerShell names, e.g. `{ "SentTo": ["…"] }`. */
    conditions: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    actions: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    comments: text().notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("exchange_transport_rules_org_name_uq").on(t.organisationId, sql`lower(${t.name})`),
    index("exchange_transport_rules_org_priority_idx").on(t.organisationId, t.priority),
    check("exchange_transport_rules_state", sql`${t.state} in ('Enabled', 'Disabled')`),
    check("exchange_transport_rules_mode", sql`${t.mode} in ('Enforce', 'Audit', 'AuditAndNotify')`),
    check("exchange_transport_rules_priority", sql`${t.priority} >= 0`),
  ],
);

export const exchangeMailboxExportRequests = pgTable(
  "exchange_mailbox_export_requests",
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: organisationId(),
    mailboxId: uuid()
      .notNull()
      .references(() => exchangeMailboxes.id, { onDelete: "cascade" }),
    name: text().notNull(),
    filePath: text().notNull(),
    status: text({ enum: ["Queued", "Completed"] }).notNull().default("Queued"),
    contentFilter: text(),
    requestedBy: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    // Exchange names export requests per mailbox: MailboxExport, MailboxExport1, …
    uniqueIndex("exchange_mailbox_export_requests_mailbox_name_uq").on(t.mailboxId, sql`lower(${t.name})`),
    index("exchange_mailbox_export_requests_org_created_idx").on(t.organisationId, t.createdAt),
    check("exchange_mailbox_export_requests_status", sql`${t.status} in ('Queued', 'Completed')`),
  ],
);

export const exchangeDistributionGroups = pgTable(
  "exchange_distribution_groups",
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: organisationId(),
    name: text().notNull(),
    alias: text().notNull(),
    primarySmtpAddress: text().notNull(),
    groupType: text({ enum: ["Distribution", "Security"] }).notNull().default("Distribution"),
    /** Owners' primary SMTP addresses. */
    managedBy: text().array().notNull().default(sql`'{}'::text[]`),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("exchange_distribution_groups_org_name_uq").on(t.organisationId, sql`lower(${t.name})`),
    uniqueIndex("exchange_distribution_groups_org_alias_uq").on(t.organisationId, sql`lower(${t.alias})`),
    uniqueIndex("exchange_distribution_groups_org_smtp_uq").on(
      t.organisationId,
      sql`lower(${t.primarySmtpAddress})`,
    ),
    check("exchange_distribution_groups_type", sql`${t.groupType} in ('Distribution', 'Security')`),
  ],
);

export const exchangeDistributionGroupMembers = pgTable(
  "exchange_distribution_group_members",
  {
    organisationId: organisationId(),
    groupId: uuid()
      .notNull()
      .references(() => exchangeDistributionGroups.id, { onDelete: "cascade" }),
    /** The member's primary SMTP address, lower case. */
    member: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.member] })],
);

// ---------------------------------------------------------------------------------------------
// Relations
// ---------------------------------------------------------------------------------------------

export const organisationsRelations = relations(organisations, ({ many }) => ({
  memberships: many(memberships),
  approverGroups: many(approverGroups),
  scopes: many(scopes),
  policies: many(policies),
}));

export const usersRelations = relations(users, ({ many }) => ({
  memberships: many(memberships),
  groupMemberships: many(approverGroupMembers),
  roleGroupAssignments: many(roleGroupAssignments),
}));

export const membershipsRelations = relations(memberships, ({ one }) => ({
  organisation: one(organisations, {
    fields: [memberships.organisationId],
    references: [organisations.id],
  }),
  user: one(users, { fields: [memberships.userId], references: [users.id] }),
}));

export const approverGroupsRelations = relations(approverGroups, ({ one, many }) => ({
  organisation: one(organisations, {
    fields: [approverGroups.organisationId],
    references: [organisations.id],
  }),
  members: many(approverGroupMembers),
}));

export const approverGroupMembersRelations = relations(approverGroupMembers, ({ one }) => ({
  group: one(approverGroups, {
    fields: [approverGroupMembers.groupId],
    references: [approverGroups.id],
  }),
  user: one(users, { fields: [approverGroupMembers.userId], references: [users.id] }),
}));

export const scopesRelations = relations(scopes, ({ many }) => ({
  tasks: many(tasks),
  roles: many(roles),
  roleGroups: many(roleGroups),
}));

export const tasksRelations = relations(tasks, ({ one, many }) => ({
  scope: one(scopes, { fields: [tasks.scopeId], references: [scopes.id] }),
  roleTasks: many(roleTasks),
}));

export const rolesRelations = relations(roles, ({ one, many }) => ({
  scope: one(scopes, { fields: [roles.scopeId], references: [scopes.id] }),
  roleTasks: many(roleTasks),
  roleGroupRoles: many(roleGroupRoles),
}));

export const roleTasksRelations = relations(roleTasks, ({ one }) => ({
  role: one(roles, { fields: [roleTasks.roleId], references: [roles.id] }),
  task: one(tasks, { fields: [roleTasks.taskId], references: [tasks.id] }),
}));

export const roleGroupsRelations = relations(roleGroups, ({ one, many }) => ({
  scope: one(scopes, { fields: [roleGroups.scopeId], references: [scopes.id] }),
  roleGroupRoles: many(roleGroupRoles),
}));

export const roleGroupRolesRelations = relations(roleGroupRoles, ({ one }) => ({
  roleGroup: one(roleGroups, {
    fields: [roleGroupRoles.roleGroupId],
    references: [roleGroups.id],
  }),
  role: one(roles, { fields: [roleGroupRoles.roleId], references: [roles.id] }),
}));

export const roleGroupAssignmentsRelations = relations(roleGroupAssignments, ({ one }) => ({
  user: one(users, { fields: [roleGroupAssignments.userId], references: [users.id] }),
  roleGroup: one(roleGroups, {
    fields: [roleGroupAssignments.roleGroupId],
    references: [roleGroups.id],
  }),
}));

export const policiesRelations = relations(policies, ({ one, many }) => ({
  scope: one(scopes, { fields: [policies.scopeId], references: [scopes.id] }),
  task: one(tasks, { fields: [policies.taskId], references: [tasks.id] }),
  role: one(roles, { fields: [policies.roleId], references: [roles.id] }),
  roleGroup: one(roleGroups, { fields: [policies.roleGroupId], references: [roleGroups.id] }),
  approverGroup: one(approverGroups, {
    fields: [policies.approverGroupId],
    references: [approverGroups.id],
  }),
  requests: many(accessRequests),
  eligibility: many(policyEligibility),
}));

export const policyEligibilityRelations = relations(policyEligibility, ({ one }) => ({
  policy: one(policies, { fields: [policyEligibility.policyId], references: [policies.id] }),
  group: one(approverGroups, { fields: [policyEligibility.groupId], references: [approverGroups.id] }),
  user: one(users, { fields: [policyEligibility.userId], references: [users.id] }),
}));

export const accessRequestsRelations = relations(accessRequests, ({ one, many }) => ({
  policy: one(policies, { fields: [accessRequests.policyId], references: [policies.id] }),
  requester: one(users, { fields: [accessRequests.requesterId], references: [users.id] }),
  task: one(tasks, { fields: [accessRequests.taskId], references: [tasks.id] }),
  role: one(roles, { fields: [accessRequests.roleId], references: [roles.id] }),
  roleGroup: one(roleGroups, {
    fields: [accessRequests.roleGroupId],
    references: [roleGroups.id],
  }),
  approvals: many(approvals),
}));

export const approvalsRelations = relations(approvals, ({ one }) => ({
  request: one(accessRequests, {
    fields: [approvals.requestId],
    references: [accessRequests.id],
  }),
  approver: one(users, { fields: [approvals.approverId], references: [users.id] }),
}));

// ---------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------

export type Organisation = typeof organisations.$inferSelect;
export type User = typeof users.$inferSelect;
export type Membership = typeof memberships.$inferSelect;
export type AppRole = (typeof appRole.enumValues)[number];
export type ApproverGroup = typeof approverGroups.$inferSelect;
export type Scope = typeof scopes.$inferSelect;
export type Task = typeof tasks.$inferSelect;
export type Role = typeof roles.$inferSelect;
export type RoleGroup = typeof roleGroups.$inferSelect;
export type Policy = typeof policies.$inferSelect;
export type NewPolicy = typeof policies.$inferInsert;
export type AccessRequest = typeof accessRequests.$inferSelect;
export type NewAccessRequest = typeof accessRequests.$inferInsert;
export type Approval = typeof approvals.$inferSelect;
export type PolicyEligibility = typeof policyEligibility.$inferSelect;
export type TaskRun = typeof taskRuns.$inferSelect;
export type AuditEvent = typeof auditEvents.$inferSelect;
export type EmailMessage = typeof emailOutbox.$inferSelect;
export type ApiToken = typeof apiTokens.$inferSelect;
