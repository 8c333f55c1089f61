/**
 * Two fully shaped organisations in one database, for tenant-isolation tests: each has its
 * administrators, approvers, requesters, policies and approver groups (the seed), and on top real
 * activity: a pending request, an active grant, a scheduled one, API tokens, emails (one failed, for
 * Email delivery), audit events, task runs (one executed, one blocked) and an external scope of its
 * own. `ids` lists what each holds, so the other organisation's actors can be pointed at real ids,
 * never ones that exist nowhere.
 *
 * One person, `SHARED_PERSON`, is a member of both, with the same standing role group in each and
 * an active grant in the first only: the case where a grant could leak across organisations.
 */
import { asc, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import {
  accessRequests,
  apiTokens,
  approvals,
  approverGroupMembers,
  approverGroups,
  auditEvents,
  emailOutbox,
  memberships,
  policies,
  scopes,
  taskRuns,
  users,
} from "@/db/schema";
import { addMember } from "@/lib/members/add-member";
import { createRequest } from "@/lib/requests/create-request";
import { runTask } from "@/lib/runspace/run-task";
import { registerScope } from "@/lib/scopes/register-scope";
import { replaceScopeCatalog } from "@/lib/scopes/replace-scope-catalog";
import { createToken } from "@/lib/tokens/create-token";
import { type ContosoFixture, type OrganisationFixture, contosoFixture } from "./contoso-fixture";
import type { TestDatabaseKind } from "./test-database";

/** A member of both organisations (a consultant, say): their grant in one must mean nothing in the other. */
export const SHARED_PERSON = "consultant@shared.example";

/** The demo accounts that get an API token in each organisation, by their Contoso address. */
export const TOKEN_HOLDERS = ["admin@contoso.com", "auditor@contoso.com", "approver1@contoso.com", "requester@contoso.com"] as const;
export type TokenHolder = (typeof TOKEN_HOLDERS)[number];

export interface OrganisationIds {
  /** Every request of the organisation, seeded history included. */
  requests: string[];
  pendingRequest: string;
  activeGrant: string;
  scheduledGrant: string;
  /** The shared person's active grant (in the first organisation only). */
  sharedGrant: string | null;
  policies: string[];
  approverGroups: string[];
  /** Its own people's addresses and user ids (not the shared person's). */
  members: string[];
  userIds: string[];
  tokens: string[];
  emails: string[];
  failedEmail: string;
  auditEvents: string[];
  taskRuns: string[];
  /** An external scope only this organisation has, with one task (Open-Shell) in one role (Shell Users). */
  scope: string;
  /** The right its task run gave on PattiF's mailbox in its workload (each organisation a different one). */
  accessRight: string;
  /** A request reason only this organisation's events hold, for text searches. */
  reason: string;
}

export interface ShapedOrganisation extends OrganisationFixture {
  ids: OrganisationIds;
  /** The API tokens of TOKEN_HOLDERS, by Contoso address. */
  tokens: Record<TokenHolder, string>;
  /** Every identifier of this organisation that the other one must never see. */
  identifiers(): string[];
}

export interface TwoOrganisations {
  f: ContosoFixture;
  /** Northwind: the shared person holds a grant here. */
  a: ShapedOrganisation;
  /** Tailspin. */
  b: ShapedOrganisation;
  /** [the caller's organisation, the owner of the ids], by the owner's slug. */
  sides(ownerSlug: string): [caller: ShapedOrganisation, owner: ShapedOrganisation];
  /** The organisation's rows, to compare before and after the other tried its ids: nothing may be written. */
  snapshot(org: ShapedOrganisation): Promise<unknown>;
  destroy(): Promise<void>;
}

export async function twoOrganisations(kind: TestDatabaseKind): Promise<TwoOrganisations> {
  const f = await contosoFixture(kind);
  const a = await shape(f, await f.organisation("northwind"), { sharedGrant: true, accessRight: "ReadPermission" });
  const b = await shape(f, await f.organisation("tailspin"), { sharedGrant: false, accessRight: "ChangeOwner" });
  return {
    f,
    a,
    b,
    sides: (ownerSlug) => (ownerSlug === a.slug ? [b, a] : [a, b]),
    snapshot: (org) => snapshotOf(f.database.db, org.organisationId),
    destroy: () => f.database.destroy(),
  };
}

async function snapshotOf(db: Database, id: string) {
  return {
    requests: await db.select().from(accessRequests).where(eq(accessRequests.organisationId, id)).orderBy(asc(accessRequests.id)),
    approvals: await db.select().from(approvals).where(eq(approvals.organisationId, id)).orderBy(asc(approvals.id)),
    policies: await db.select().from(policies).where(eq(policies.organisationId, id)).orderBy(asc(policies.id)),
    groups: await db.select().from(approverGroups).where(eq(approverGroups.organisationId, id)).orderBy(asc(approverGroups.id)),
    groupMembers: await db
      .select()
      .from(approverGroupMembers)
      .where(eq(approverGroupMembers.organisationId, id))
      .orderBy(asc(approverGroupMembers.groupId), asc(approverGroupMembers.userId)),
    memberships: await db.select().from(memberships).where(eq(memberships.organisationId, id)).orderBy(asc(memberships.userId)),
    tokens: await db.select().from(apiTokens).where(eq(apiTokens.organisationId, id)).orderBy(asc(apiTokens.id)),
    emails: await db.select().from(emailOutbox).where(eq(emailOutbox.organisationId, id)).orderBy(asc(emailOutbox.id)),
    scopes: await db.select().from(scopes).where(eq(scopes.organisationId, id)).orderBy(asc(scopes.id)),
    auditEvents: await db.$count(auditEvents, eq(auditEvents.organisationId, id)),
  };
}

async function shape(
  f: ContosoFixture,
  org: OrganisationFixture,
  { sharedGrant, accessRight }: { sharedGrant: boolean; accessRight: string },
): Promise<ShapedOrganisation> {
  const db = f.database.db;
  const admin = await org.actor("admin@contoso.com");
  const reason = `Quarterly delegation for ${org.slug} finance`;

  const tokens = {} as Record<TokenHolder, string>;
  for (const holder of TOKEN_HOLDERS) {
    tokens[holder] = (await createToken(db, { actor: await org.actor(holder), input: { name: `${org.slug} isolation` } })).token;
  }
  // Recipient Management holds Add-MailboxPermission, which the seed's automatic policy covers.
  await addMember(db, { actor: admin, input: { email: SHARED_PERSON, name: "Shared Consultant", roleGroups: ["Recipient Management"] } });

  const requester = await org.actor("requester@contoso.com");
  const activeGrant = await createRequest(db, { actor: requester, input: { target: "Add-MailboxPermission", reason } });
  const pendingRequest = await createRequest(db, { actor: requester, input: { target: "New-JournalRule", reason: `${reason}: journaling` } });
  const scheduledGrant = await createRequest(db, {
    actor: await org.actor("requester2@contoso.com"),
    input: { target: "Add-MailboxPermission", reason: `${reason}: next week`, startsAt: new Date(Date.now() + 7 * 86400_000).toISOString() },
  });
  const shared = sharedGrant
    ? await createRequest(db, { actor: await org.actor(SHARED_PERSON), input: { target: "Add-MailboxPermission", reason: `${reason}: consultant` } })
    : null;

  // One run inside the grant, one blocked (no grant covers New-JournalRule yet).
  await runTask(db, {
    actor: requester,
    input: { task: "Add-MailboxPermission", parameters: { Identity: "PattiF", User: "requester@contoso.com", AccessRights: accessRight } },
  });
  await runTask(db, { actor: requester, input: { task: "New-JournalRule", parameters: {} } }).catch(() => undefined);

  const scope = `${org.slug}-bastion`;
  await registerScope(db, { actor: admin, input: { name: scope } });
  await replaceScopeCatalog(db, { actor: admin, name: scope, input: { tasks: [{ name: "Open-Shell" }], roles: [{ name: "Shell Users", tasks: ["Open-Shell"] }] } });

  // Sent messages are kept for the dev mailbox in tests (no Resend key); Email delivery lists
  // queued, sent and failed ones, so one failed message of its own.
  const [failed] = await db
    .insert(emailOutbox)
    .values({
      organisationId: org.organisationId,
      eventKey: `isolation-failed:${org.slug}`,
      kind: "request-pending",
      toEmail: org.email("approver1@contoso.com"),
      subject: `Approval needed (${org.slug})`,
      html: "<p>Approval needed</p>",
      text: "Approval needed",
      status: "failed",
      attempts: 3,
      lastError: "gave up after 3 attempts: 503",
    })
    .returning({ id: emailOutbox.id });

  const mine = org.organisationId;
  const people = (
    await db
      .select({ id: users.id, email: users.email })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.organisationId, mine))
  ).filter((person) => person.email !== SHARED_PERSON);
  const idsOf = (rows: { id: string }[]) => rows.map((row) => row.id);

  const ids: OrganisationIds = {
    requests: idsOf(await db.select({ id: accessRequests.id }).from(accessRequests).where(eq(accessRequests.organisationId, mine))),
    pendingRequest: pendingRequest.id,
    activeGrant: activeGrant.id,
    scheduledGrant: scheduledGrant.id,
    sharedGrant: shared?.id ?? null,
    policies: idsOf(await db.select({ id: policies.id }).from(policies).where(eq(policies.organisationId, mine))),
    approverGroups: idsOf(await db.select({ id: approverGroups.id }).from(approverGroups).where(eq(approverGroups.organisationId, mine))),
    members: people.map((person) => person.email),
    userIds: idsOf(people),
    tokens: idsOf(await db.select({ id: apiTokens.id }).from(apiTokens).where(eq(apiTokens.organisationId, mine))),
    emails: idsOf(await db.select({ id: emailOutbox.id }).from(emailOutbox).where(eq(emailOutbox.organisationId, mine))),
    failedEmail: failed!.id,
    auditEvents: idsOf(await db.select({ id: auditEvents.id }).from(auditEvents).where(eq(auditEvents.organisationId, mine))),
    taskRuns: idsOf(await db.select({ id: taskRuns.id }).from(taskRuns).where(eq(taskRuns.organisationId, mine))),
    scope,
    accessRight,
    reason,
  };
  return {
    ...org,
    ids,
    tokens,
    identifiers: () => [
      org.organisationId,
      ...ids.requests,
      ...ids.policies,
      ...ids.approverGroups,
      ...ids.members,
      ...ids.userIds,
      ...ids.tokens,
      ...ids.emails,
      ...ids.auditEvents,
      ...ids.taskRuns,
      ids.scope,
      ids.reason,
      `@${org.slug}.example`,
    ],
  };
}
