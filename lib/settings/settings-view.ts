import { and, asc, eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { approverGroups, memberships, organisations, users } from "@/db/schema";
import { DomainError } from "@/lib/errors";
import { hoursOf } from "@/lib/validation";

/** The organisation's PAM settings as the API shows them. */
export async function selectSettingsView(db: Executor, organisationId: string) {
  const [row] = await db
    .select({ organisation: organisations, defaultApproverGroup: approverGroups.name })
    .from(organisations)
    .leftJoin(approverGroups, eq(approverGroups.id, organisations.defaultApproverGroupId))
    .where(eq(organisations.id, organisationId));
  if (!row) throw new DomainError("not-found:organisation", "The organisation no longer exists.");
  const excluded = await db
    .select({ email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organisationId, organisationId), eq(memberships.excludedFromPam, true)))
    .orderBy(asc(users.email));
  const { organisation } = row;
  return {
    organisation: organisation.name,
    pamEnabled: organisation.pamEnabled,
    defaultApproverGroup: row.defaultApproverGroup,
    excludedAccounts: excluded.map((e) => e.email),
    policyLimit: organisation.policyLimit,
    maxDurationHours: hoursOf(organisation.maxDurationMinutes),
    pendingLifetimeHours: hoursOf(organisation.defaultPendingLifetimeMinutes),
    endingSoonNoticeMinutes: organisation.endingSoonNoticeMinutes,
    /** Just-in-time membership (lib/settings/jit-settings.ts): who becomes a plain member on a first sign-in. */
    jitEmailDomains: organisation.jitEmailDomains,
    jitEntraTenantIds: organisation.jitEntraTenantIds,
    /** Whose Entra sign-ins are believed at all (lib/auth/entra-trust.ts); empty: the deployment's own tenant. */
    entraTenantIds: organisation.entraTenantIds,
  };
}

export type SettingsView = Awaited<ReturnType<typeof selectSettingsView>>;
