/**
 * Seeds the Contoso demo. Idempotent: every row has a natural key or an id derived from a stable
 * name, inserts skip what exists, and history (requests, their audit events) is written only when
 * its request row is new. Seeding again changes nothing.
 */
import { createHash } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import {
  accessRequests,
  approvals,
  approverGroupMembers,
  approverGroups,
  memberships,
  organisations,
  policies,
  roleGroupAssignments,
  roleGroups,
  roles,
  scopes,
  tasks,
  users,
} from "@/db/schema";
import {
  type AuditActor,
  type AuditEventInput,
  SYSTEM_ACTOR,
  appendAuditEvent,
} from "@/lib/audit/append-audit-event";
import {
  CONTOSO,
  type DemoPolicy,
  type DemoRequest,
  demoAccounts,
  demoApproverGroups,
  demoPolicies,
  demoRequests,
} from "./contoso";
import { seedExchangeWorkload } from "./exchange-workload";
import { EXCHANGE_SCOPE } from "@/lib/catalog/builtin/exchange";
import { installBuiltinCatalogs } from "@/lib/catalog/install-builtin-catalog";

/** A UUID derived from a stable name, so seed rows keep their ids from one run to the next. */
export function seedId(name: string): string {
  const hex = createHash("sha256").update(`elevate-seed:${name}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const HOUR = 60 * 60 * 1000;

export interface SeedSummary {
  organisationId: string;
  createdOrganisation: boolean;
  newRequests: number;
}

/**
 * Which demo organisation to seed. Contoso is the one `npm start` shows; the test fixtures seed more
 * of the same shape, each with its own slug and its people's addresses under its own domains.
 */
export interface DemoOrganisation {
  slug: string;
  name: string;
  /** The address in this organisation of a Contoso demo account (`admin@contoso.com` → …). */
  email(contosoAddress: string): string;
  /** Prefix of the names that seed ids derive from: empty for Contoso, so its ids never change. */
  idPrefix: string;
}

export const CONTOSO_DEMO: DemoOrganisation = { ...CONTOSO, email: (address) => address, idPrefix: "" };

/** A Contoso-shaped organisation: `admin@<slug>.example`, the guest `partner@<slug>-partner.example`. */
export function demoOrganisation(slug: string, name = slug): DemoOrganisation {
  return {
    slug,
    name,
    email: (address) => address.replace(/@contoso\.com$/, `@${slug}.example`).replace(/@fabrikam\.com$/, `@${slug}-partner.example`),
    idPrefix: `${slug}:`,
  };
}

export async function seedDemo(
  db: Database,
  { now = new Date(), organisation = CONTOSO_DEMO }: { now?: Date; organisation?: DemoOrganisation } = {},
): Promise<SeedSummary> {
  return db.transaction(async (tx) => {
    const createdOrganisation = await ensureOrganisation(tx, organisation);
    const org = (await tx.query.organisations.findFirst({ where: eq(organisations.slug, organisation.slug) }))!;
    // A real organisation that chose the demo's slug never gets the demo's people and policies.
    if (org.id !== seedId(`org:${organisation.slug}`) || !org.demo) {
      throw new Error(`An organisation "${organisation.slug}" that is not the demo exists: the demo was not seeded.`);
    }
    const userIds = await ensureUsers(tx, org.id, organisation);
    const groupIds = await ensureApproverGroups(tx, org.id, userIds, organisation);
    if (!org.defaultApproverGroupId) {
      await tx
        .update(organisations)
        .set({ defaultApproverGroupId: groupIds.get("PAM Approvers")! })
        .where(eq(organisations.id, org.id));
    }
    const catalog = await ensureCatalog(tx, org.id);
    await ensureStandingAssignments(tx, org.id, userIds, catalog.roleGroupIds);
    const policyIds = await ensurePolicies(tx, org.id, userIds, groupIds, catalog, now, organisation);
    const newRequests = await ensureHistory(tx, org.id, userIds, groupIds, policyIds, catalog, now, organisation);
    await seedExchangeWorkload(tx, org.id);
    return { organisationId: org.id, createdOrganisation, newRequests };
  });
}

async function ensureOrganisation(tx: Transaction, organisation: DemoOrganisation) {
  const inserted = await tx
    .insert(organisations)
    .values({ id: seedId(`org:${organisation.slug}`), slug: organisation.slug, name: organisation.name, demo: true })
    .onConflictDoNothing()
    .returning({ id: organisations.id });
  return inserted.length > 0;
}

/** The demo people's user ids, keyed by their Contoso address whatever address they have here. */
async function ensureUsers(tx: Transaction, organisationId: string, organisation: DemoOrganisation) {
  await tx
    .insert(users)
    .values(demoAccounts.map((a) => ({ id: seedId(`user:${organisation.email(a.email)}`), email: organisation.email(a.email), name: a.name })))
    .onConflictDoNothing();
  const rows = await tx
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(inArray(users.email, demoAccounts.map((a) => organisation.email(a.email))));
  const byAddress = new Map(rows.map((r) => [r.email, r.id]));
  const ids = new Map(demoAccounts.map((a) => [a.email, byAddress.get(organisation.email(a.email))!]));
  await tx
    .insert(memberships)
    .values(
      demoAccounts.map((a) => ({
        organisationId,
        userId: ids.get(a.email)!,
        kind: a.kind ?? "member",
        roles: a.roles,
        excludedFromPam: a.excluded ?? false,
      })),
    )
    .onConflictDoNothing();
  return ids;
}

async function ensureApproverGroups(
  tx: Transaction,
  organisationId: string,
  userIds: Map<string, string>,
  organisation: DemoOrganisation,
) {
  await tx
    .insert(approverGroups)
    .values(
      demoApproverGroups.map((g) => ({
        id: seedId(`${organisation.idPrefix}group:${g.name}`),
        organisationId,
        name: g.name,
        description: g.description,
      })),
    )
    .onConflictDoNothing();
  const rows = await tx
    .select({ id: approverGroups.id, name: approverGroups.name })
    .from(approverGroups)
    .where(eq(approverGroups.organisationId, organisationId));
  const ids = new Map(rows.map((r) => [r.name, r.id]));
  await tx
    .insert(approverGroupMembers)
    .values(
      demoApproverGroups.flatMap((g) =>
        g.members.map((email) => ({ organisationId, groupId: ids.get(g.name)!, userId: userIds.get(email)! })),
      ),
    )
    .onConflictDoNothing();
  return ids;
}

type Catalog = Awaited<ReturnType<typeof ensureCatalog>>;

/** The built-in catalog, installed as for any new organisation; the seed only needs its ids by name. */
async function ensureCatalog(tx: Transaction, organisationId: string) {
  await installBuiltinCatalogs(tx, organisationId);
  const [scope] = await tx
    .select({ id: scopes.id })
    .from(scopes)
    .where(and(eq(scopes.organisationId, organisationId), eq(scopes.name, EXCHANGE_SCOPE.name)));
  const idsOf = async (table: typeof tasks | typeof roles | typeof roleGroups) =>
    new Map(
      (await tx.select({ id: table.id, name: table.name }).from(table).where(eq(table.scopeId, scope!.id))).map((r) => [r.name, r.id]),
    );
  const [taskIds, roleIds, roleGroupIds] = [await idsOf(tasks), await idsOf(roles), await idsOf(roleGroups)];
  return {
    scopeId: scope!.id,
    taskId: (name: string) => taskIds.get(name)!,
    roleId: (name: string) => roleIds.get(name)!,
    roleGroupId: (name: string) => roleGroupIds.get(name)!,
    roleGroupIds,
  };
}

async function ensureStandingAssignments(
  tx: Transaction,
  organisationId: string,
  userIds: Map<string, string>,
  roleGroupIds: Map<string, string>,
) {
  const rows = demoAccounts.flatMap((a) =>
    (a.standingRoleGroups ?? []).map((group) => ({
      organisationId,
      userId: userIds.get(a.email)!,
      roleGroupId: roleGroupIds.get(group)!,
    })),
  );
  await tx.insert(roleGroupAssignments).values(rows).onConflictDoNothing();
}

function policyTarget(policy: DemoPolicy, catalog: Catalog) {
  return {
    taskId: policy.targetType === "task" ? catalog.taskId(policy.target) : null,
    roleId: policy.targetType === "role" ? catalog.roleId(policy.target) : null,
    roleGroupId: policy.targetType === "role_group" ? catalog.roleGroupId(policy.target) : null,
  };
}

async function ensurePolicies(
  tx: Transaction,
  organisationId: string,
  userIds: Map<string, string>,
  groupIds: Map<string, string>,
  catalog: Catalog,
  now: Date,
  organisation: DemoOrganisation,
) {
  const roleManager = userIds.get("rolemanager@contoso.com")!;
  const author: AuditActor = { type: "user", id: roleManager, email: organisation.email("rolemanager@contoso.com") };
  const ids = new Map<string, string>();
  for (const policy of demoPolicies) {
    const id = seedId(`${organisationId}:policy:${policy.key}`);
    ids.set(policy.key, id);
    const inserted = await tx
      .insert(policies)
      .values({
        id,
        organisationId,
        scopeId: catalog.scopeId,
        targetType: policy.targetType,
        ...policyTarget(policy, catalog),
        approvalType: policy.approvalType,
        approverGroupId: groupIds.get(policy.approverGroup)!,
        requiredApprovals: policy.requiredApprovals ?? 1,
        maxDurationMinutes: policy.maxHours * 60,
        defaultDurationMinutes: policy.defaultHours * 60,
        reasonRequired: policy.reasonRequired ?? true,
        ticketRequired: policy.ticketRequired ?? false,
        ticketPattern: policy.ticketPattern ?? null,
        createdBy: roleManager,
        createdAt: new Date(now.getTime() - 7 * 24 * HOUR),
        updatedAt: new Date(now.getTime() - 7 * 24 * HOUR),
      })
      .onConflictDoNothing()
      .returning({ id: policies.id });
    if (inserted.length > 0) {
      await appendAuditEvent(tx, {
        organisationId,
        actor: author,
        action: "policy.created",
        targetType: "policy",
        targetId: id,
        details: { type: policy.targetType, scope: EXCHANGE_SCOPE.name, target: policy.target, approvalType: policy.approvalType },
        backdatedTo: new Date(now.getTime() - 7 * 24 * HOUR),
      });
    }
  }
  return ids;
}

async function ensureHistory(
  tx: Transaction,
  organisationId: string,
  userIds: Map<string, string>,
  groupIds: Map<string, string>,
  policyIds: Map<string, string>,
  catalog: Catalog,
  now: Date,
  organisation: DemoOrganisation,
) {
  let created = 0;
  const events: AuditEventInput[] = [];
  for (const request of demoRequests) {
    const requestEvents = await insertDemoRequest(tx, organisationId, userIds, groupIds, policyIds, catalog, request, now, organisation);
    if (requestEvents.length > 0) created += 1;
    events.push(...requestEvents);
  }
  // Appended in time order, so the back-dated history reads forwards along the chain.
  events.sort((a, b) => a.backdatedTo!.getTime() - b.backdatedTo!.getTime());
  for (const event of events) await appendAuditEvent(tx, event);
  return created;
}

async function insertDemoRequest(
  tx: Transaction,
  organisationId: string,
  userIds: Map<string, string>,
  groupIds: Map<string, string>,
  policyIds: Map<string, string>,
  catalog: Catalog,
  request: DemoRequest,
  now: Date,
  organisation: DemoOrganisation,
) {
  const policy = demoPolicies.find((p) => p.key === request.policy)!;
  const id = seedId(`${organisationId}:request:${request.key}`);
  const createdAt = new Date(now.getTime() - request.hoursAgo * HOUR);
  const lastDecision = request.decisions?.at(-1);
  const decidedAt =
    request.auto ? createdAt
    : lastDecision && request.status !== "pending" ? new Date(createdAt.getTime() + lastDecision.afterMinutes * 60_000)
    : request.status === "cancelled" ? new Date(createdAt.getTime() + 10 * 60_000)
    : request.status === "expired" ? new Date(createdAt.getTime() + 24 * HOUR)
    : null;
  const approved = request.status === "approved";
  const requesterActor: AuditActor = { type: "user", id: userIds.get(request.requester)!, email: organisation.email(request.requester) };

  const inserted = await tx
    .insert(accessRequests)
    .values({
      id,
      organisationId,
      policyId: policyIds.get(policy.key)!,
      requesterId: requesterActor.id!,
      targetType: policy.targetType,
      ...policyTarget(policy, catalog),
      approverGroupId: groupIds.get(policy.approverGroup)!,
      requiredApprovals: policy.requiredApprovals ?? 1,
      status: request.status,
      durationMinutes: request.durationHours * 60,
      reason: request.reason,
      ticket: request.ticket ?? null,
      pendingUntil: new Date(createdAt.getTime() + 24 * HOUR),
      decidedAt,
      startsAt: approved ? decidedAt : null,
      endsAt: approved && decidedAt ? new Date(decidedAt.getTime() + request.durationHours * HOUR) : null,
      createdAt,
    })
    .onConflictDoNothing()
    .returning({ id: accessRequests.id });
  if (inserted.length === 0) return [];
  const events: AuditEventInput[] = [];

  const target = { type: policy.targetType, scope: EXCHANGE_SCOPE.name, target: policy.target };
  events.push({
    organisationId,
    actor: requesterActor,
    action: "request.created",
    targetType: "request",
    targetId: id,
    details: { ...target, durationHours: request.durationHours, reason: request.reason, ticket: request.ticket },
    backdatedTo: createdAt,
  });

  if (request.auto) {
    events.push({
      organisationId,
      actor: SYSTEM_ACTOR,
      action: "request.approved",
      targetType: "request",
      targetId: id,
      details: { ...target, automatic: true },
      backdatedTo: createdAt,
    });
  }
  for (const decision of request.decisions ?? []) {
    const at = new Date(createdAt.getTime() + decision.afterMinutes * 60_000);
    const approverId = userIds.get(decision.by)!;
    await tx.insert(approvals).values({
      organisationId,
      requestId: id,
      approverId,
      decision: decision.decision,
      comment: decision.comment ?? null,
      createdAt: at,
    });
    const final = decision === lastDecision && request.status !== "pending";
    events.push({
      organisationId,
      actor: { type: "user", id: approverId, email: organisation.email(decision.by) },
      action: final ? `request.${request.status}` : "request.approval",
      targetType: "request",
      targetId: id,
      details: { ...target, comment: decision.comment },
      backdatedTo: at,
    });
  }
  if (request.status === "cancelled" || request.status === "expired") {
    events.push({
      organisationId,
      actor: request.status === "cancelled" ? requesterActor : SYSTEM_ACTOR,
      action: `request.${request.status}`,
      targetType: "request",
      targetId: id,
      details: target,
      backdatedTo: decidedAt!,
    });
  }
  return events;
}
