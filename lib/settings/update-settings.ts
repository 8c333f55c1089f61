import { and, count, eq, gt, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database, Transaction } from "@/db/client";
import { type Organisation, memberships, organisations, policies, users } from "@/db/schema";
import type { AuditAction, AuditDetails, AuditEventOf } from "@/lib/audit/audit-actions";
import { auditActorOf } from "@/lib/audit/audit-actor";
import { auditOf, auditedTransaction } from "@/lib/audit/audited-transaction";
import { authorize } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/roles";
import { DomainError, invalidField } from "@/lib/errors";
import { lockOrganisation } from "@/lib/organisations/lock-organisation";
import { findApproverGroup } from "@/lib/policies/policy-rules";
import { minutesOf, parseInput, quarterHours } from "@/lib/validation";
import { checkJitEntriesFree, entraTenantIdsInput, jitEmailDomainsInput, jitEntraTenantIdsInput } from "./jit-settings";
import { selectSettingsView } from "./settings-view";

export const settingsInput = z.strictObject({
  pamEnabled: z.boolean(),
  defaultApproverGroup: z.string().trim().min(1),
  excludedAccounts: z.array(z.email({ error: "must be email addresses" }).transform((e) => e.toLowerCase())).max(100),
  policyLimit: z.int("must be a whole number").min(1, "must be at least 1").max(1000, "must be at most 1000"),
  maxDurationHours: quarterHours("The maximum duration"),
  pendingLifetimeHours: quarterHours("The pending lifetime"),
  endingSoonNoticeMinutes: z.int().min(0).max(24 * 60),
  jitEmailDomains: jitEmailDomainsInput,
  jitEntraTenantIds: jitEntraTenantIdsInput,
  entraTenantIds: entraTenantIdsInput,
}).partial();
export type UpdateSettingsInput = z.input<typeof settingsInput>;

/**
 * Enable-/Disable-ElevatedAccessControl and the organisation's limits. Disabling keeps every policy
 * and approver group. Each kind of change writes its own audit action, in the same transaction.
 */
export async function updateSettings(db: Database, { actor, input }: { actor: Actor; input: UpdateSettingsInput }) {
  authorize(actor, "manage-settings");
  const data = parseInput(settingsInput, input);
  return auditedTransaction(db, async (tx) => {
    const organisation = await lockOrganisation(tx, actor.organisationId);
    const before = await selectSettingsView(tx, organisation.id);
    const audit: SettingsAudit = (action, details) =>
      auditOf(tx).record({
        organisationId: organisation.id,
        actor: auditActorOf(actor),
        action,
        targetType: "organisation",
        targetId: organisation.id,
        details,
      } as AuditEventOf); // one of the settings actions, with its details (SettingsAudit checks the pair)

    const changes: Partial<Organisation> = {};
    const differs = (wanted: string[] | undefined, current: string[]) =>
      wanted !== undefined && wanted.join() !== [...current].sort().join();
    // Sending the current lists back unchanged (a GET, edited elsewhere, PATCHed whole) needs no more rights.
    if (differs(data.jitEmailDomains, organisation.jitEmailDomains) || differs(data.jitEntraTenantIds, organisation.jitEntraTenantIds)) {
      authorize(actor, "manage-sign-in-settings");
      await checkJitEntriesFree(tx, organisation.id, data);
      if (data.jitEmailDomains !== undefined) changes.jitEmailDomains = data.jitEmailDomains;
      if (data.jitEntraTenantIds !== undefined) changes.jitEntraTenantIds = data.jitEntraTenantIds;
    }
    // Whose Entra sign-ins are believed decides who gets in, as just-in-time membership does. Not
    // unique: several organisations may trust one tenant.
    if (differs(data.entraTenantIds, organisation.entraTenantIds)) {
      authorize(actor, "manage-sign-in-settings");
      changes.entraTenantIds = data.entraTenantIds;
    }
    if (data.defaultApproverGroup !== undefined) {
      changes.defaultApproverGroupId = (await findApproverGroup(tx, organisation, data.defaultApproverGroup)).group.id;
    }
    if (data.policyLimit !== undefined) {
      await checkPolicyLimit(tx, organisation.id, data.policyLimit);
      changes.policyLimit = data.policyLimit;
    }
    if (data.maxDurationHours !== undefined) {
      await checkMaxDuration(tx, organisation.id, minutesOf(data.maxDurationHours));
      changes.maxDurationMinutes = minutesOf(data.maxDurationHours);
    }
    if (data.pendingLifetimeHours !== undefined) changes.defaultPendingLifetimeMinutes = minutesOf(data.pendingLifetimeHours);
    if (data.endingSoonNoticeMinutes !== undefined) changes.endingSoonNoticeMinutes = data.endingSoonNoticeMinutes;
    if (data.pamEnabled !== undefined) changes.pamEnabled = data.pamEnabled;

    if (Object.keys(changes).length > 0) {
      await tx.update(organisations).set({ ...changes, updatedAt: sql`now()` }).where(eq(organisations.id, organisation.id));
    }
    if (data.excludedAccounts !== undefined) {
      await setExclusions(tx, actor, before.excludedAccounts, data.excludedAccounts, audit);
    }
    if (data.pamEnabled !== undefined && data.pamEnabled !== before.pamEnabled) {
      await audit(data.pamEnabled ? "pam.enabled" : "pam.disabled", {});
    }
    const after = await selectSettingsView(tx, organisation.id);
    const changed: Record<string, { from: unknown; to: unknown }> = Object.fromEntries(
      (["defaultApproverGroup", "policyLimit", "maxDurationHours", "pendingLifetimeHours", "endingSoonNoticeMinutes"] as const)
        .filter((key) => before[key] !== after[key])
        .map((key) => [key, { from: before[key], to: after[key] }]),
    );
    for (const key of ["jitEmailDomains", "jitEntraTenantIds", "entraTenantIds"] as const) {
      if (before[key].join() !== after[key].join()) changed[key] = { from: before[key], to: after[key] };
    }
    if (Object.keys(changed).length > 0) await audit("settings.updated", { changed });
    return after;
  });
}

type SettingsAudit = <A extends Extract<AuditAction, `pam.${string}` | `exclusion.${string}` | "settings.updated">>(
  action: A,
  details: AuditDetails<A>,
) => void;

async function checkPolicyLimit(tx: Transaction, organisationId: string, limit: number) {
  const [{ value }] = (await tx
    .select({ value: count() })
    .from(policies)
    .where(eq(policies.organisationId, organisationId))) as [{ value: number }];
  if (limit < value) {
    throw invalidField("invalid:policy-limit", "policyLimit", `There are ${value} policies: the limit cannot be lower.`);
  }
}

async function checkMaxDuration(tx: Transaction, organisationId: string, minutes: number) {
  const [{ value }] = (await tx
    .select({ value: count() })
    .from(policies)
    .where(and(eq(policies.organisationId, organisationId), gt(policies.maxDurationMinutes, minutes)))) as [{ value: number }];
  if (value > 0) {
    throw invalidField(
      "invalid:duration",
      "maxDurationHours",
      `${value} polic${value === 1 ? "y allows" : "ies allow"} longer windows: shorten ${value === 1 ? "it" : "them"} first.`,
    );
  }
}

async function setExclusions(
  tx: Transaction,
  actor: Actor,
  current: string[],
  wanted: string[],
  audit: SettingsAudit,
) {
  const organisationId = actor.organisationId;
  const members = wanted.length
    ? await tx
        .select({ email: users.email, userId: users.id })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(eq(memberships.organisationId, organisationId), inArray(users.email, wanted)))
    : [];
  const unknown = wanted.filter((email) => !members.some((m) => m.email === email));
  if (unknown.length > 0) {
    throw invalidField("invalid:excluded-accounts", "excludedAccounts", `Not members of this organisation: ${unknown.join(", ")}.`);
  }
  const added = wanted.filter((email) => !current.includes(email));
  // An excluded account runs every gated task with no approval: an administrator who could add their
  // own would step outside PAM alone. Only adding is refused: an exclusion someone else set may stay.
  if (added.some((email) => members.find((m) => m.email === email)?.userId === actor.userId)) {
    const message = "You cannot exclude your own account from PAM: another administrator has to.";
    throw new DomainError("forbidden:exclude-self", message, { excludedAccounts: [message] });
  }
  const removed = current.filter((email) => !wanted.includes(email));
  for (const [emails, excluded, action] of [
    [added, true, "exclusion.added"],
    [removed, false, "exclusion.removed"],
  ] as const) {
    for (const email of emails) {
      await tx
        .update(memberships)
        .set({ excludedFromPam: excluded })
        .where(
          and(
            eq(memberships.organisationId, organisationId),
            eq(memberships.userId, sql`(select id from users where email = ${email})`),
          ),
        );
      await audit(action, { account: email });
    }
  }
}
