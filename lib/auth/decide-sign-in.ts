/**
 * Who may sign in, and to which organisation. Reads only: lib/auth/admit-sign-in.ts acts on the
 * decision, and lib/notify/send-sign-in-link.ts asks it before it mails a link.
 *
 * - An Entra identity already linked to a person (accounts: provider + `tid:oid`) is that person,
 *   whatever address the token carries now, or none.
 * - Otherwise the person is found by a verified address: the magic link's, or the token's `email`,
 *   else `preferred_username` (lib/auth/entra-identity.ts). A person already linked to another
 *   Entra identity is not taken over by a second identity that claims the same address.
 * - An organisation that lists Entra tenant ids believes Entra sign-ins from those tenants only.
 * - With no active membership, an organisation whose just-in-time domains or tenants match makes
 *   the person a plain member (a tenant match wins over a domain match); never where they already
 *   have a membership, so a disabled member stays out.
 */
import { and, asc, eq, ne, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { accounts, memberships, organisations, users } from "@/db/schema";
import { emailDomainOf } from "@/lib/settings/jit-settings";
import { ENTRA_PROVIDER_ID, type EntraIdentity, entraAccountId } from "./entra-identity";

export type SignInAttempt =
  /** A magic link that was used: the link proved the address. */
  | { method: "resend"; email: string }
  | { method: typeof ENTRA_PROVIDER_ID; identity: EntraIdentity }
  /** The demo picker: existing members of a demo organisation only, never just in time. */
  | { method: "demo"; email: string };

export type JitRule = "tenant" | "domain";

export type SignInDecision =
  | { outcome: "member"; userId: string; email: string; organisationId: string }
  | { outcome: "join"; userId: string | null; email: string; name: string | null; organisationId: string; rule: JitRule }
  | {
      outcome: "refuse";
      reason: string;
      /** Where the refusal is audited: an organisation the person belongs to. None: the server log only. */
      known?: { userId: string; email: string; organisationId: string };
    };

interface MembershipRow {
  organisationId: string;
  disabled: boolean;
  tenantIds: string[];
}

export async function decideSignIn(db: Executor, attempt: SignInAttempt): Promise<SignInDecision> {
  const entra = attempt.method === ENTRA_PROVIDER_ID ? attempt.identity : null;
  let user = entra ? await userByEntraAccount(db, entra) : null;
  if (!user) {
    const address = entra ? entra.email : attempt.method === "resend" || attempt.method === "demo" ? attempt.email.toLowerCase() : null;
    if (!address) return { outcome: "refuse", reason: "the token has no verified email or UPN" };
    user = await userByEmail(db, address);
    if (user && entra && (await hasOtherEntraAccount(db, user.id, entra))) {
      return {
        outcome: "refuse",
        reason: "another Entra identity is linked to this person",
        known: await firstMembershipOf(db, user),
      };
    }
  }

  const believes = (tenantIds: string[]) => !entra || tenantIds.length === 0 || tenantIds.includes(entra.tenantId);
  const rows = user ? await membershipsOf(db, user.id) : [];
  const active = rows.find((row) => !row.disabled && believes(row.tenantIds));
  if (user && active) return { outcome: "member", userId: user.id, email: user.email, organisationId: active.organisationId };

  const email = (entra ? entra.email : null) ?? user?.email ?? (attempt.method !== ENTRA_PROVIDER_ID ? attempt.email.toLowerCase() : null);
  if (attempt.method !== "demo" && email) {
    const target = await findJitOrganisation(db, { email, tenantId: entra?.tenantId ?? null });
    if (target && !rows.some((row) => row.organisationId === target.organisationId)) {
      return {
        outcome: "join",
        userId: user?.id ?? null,
        email: user?.email ?? email,
        name: entra?.name ?? null,
        organisationId: target.organisationId,
        rule: target.rule,
      };
    }
  }

  const reason = rows.some((row) => !row.disabled)
    ? "the organisation does not accept sign-ins from this Entra tenant"
    : rows.length > 0
      ? "membership disabled"
      : "not a member";
  return { outcome: "refuse", reason, known: user && rows[0] ? { userId: user.id, email: user.email, organisationId: rows[0].organisationId } : undefined };
}

/**
 * The organisation that admits this address (or Entra tenant) just in time, if any. Domains match
 * exactly on the part after the last `@`; a domain rule for an Entra sign-in also needs the
 * organisation to believe the token's tenant.
 */
export async function findJitOrganisation(db: Executor, { email, tenantId }: { email: string; tenantId: string | null }) {
  const domain = emailDomainOf(email);
  const candidates = await db
    .select({ organisationId: organisations.id, domains: organisations.jitEmailDomains, tenantIds: organisations.jitEntraTenantIds })
    .from(organisations)
    .where(
      tenantId
        ? sql`${domain} = any(${organisations.jitEmailDomains}) or ${tenantId} = any(${organisations.jitEntraTenantIds})`
        : sql`${domain} = any(${organisations.jitEmailDomains})`,
    )
    .orderBy(asc(organisations.createdAt));
  const byTenant = tenantId ? candidates.find((org) => org.tenantIds.includes(tenantId)) : undefined;
  if (byTenant) return { organisationId: byTenant.organisationId, rule: "tenant" as const };
  const byDomain = candidates.find(
    (org) => org.domains.includes(domain) && (!tenantId || org.tenantIds.length === 0 || org.tenantIds.includes(tenantId)),
  );
  return byDomain ? { organisationId: byDomain.organisationId, rule: "domain" as const } : null;
}

async function userByEntraAccount(db: Executor, identity: EntraIdentity) {
  const [row] = await db
    .select({ id: users.id, email: users.email })
    .from(accounts)
    .innerJoin(users, eq(users.id, accounts.userId))
    .where(and(eq(accounts.provider, ENTRA_PROVIDER_ID), eq(accounts.providerAccountId, entraAccountId(identity))));
  return row ?? null;
}

async function userByEmail(db: Executor, email: string) {
  const [row] = await db.select({ id: users.id, email: users.email }).from(users).where(eq(users.email, email.toLowerCase()));
  return row ?? null;
}

async function hasOtherEntraAccount(db: Executor, userId: string, identity: EntraIdentity) {
  const [row] = await db
    .select({ id: accounts.providerAccountId })
    .from(accounts)
    .where(
      and(
        eq(accounts.userId, userId),
        eq(accounts.provider, ENTRA_PROVIDER_ID),
        ne(accounts.providerAccountId, entraAccountId(identity)),
      ),
    )
    .limit(1);
  return Boolean(row);
}

/** The person's memberships, oldest organisation first: the one they sign in to when several would do. */
async function membershipsOf(db: Executor, userId: string): Promise<MembershipRow[]> {
  const rows = await db
    .select({
      organisationId: memberships.organisationId,
      disabledAt: memberships.disabledAt,
      tenantIds: organisations.jitEntraTenantIds,
    })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(organisations.createdAt));
  return rows.map((row) => ({ organisationId: row.organisationId, disabled: row.disabledAt !== null, tenantIds: row.tenantIds }));
}

async function firstMembershipOf(db: Executor, user: { id: string; email: string }) {
  const [first] = await membershipsOf(db, user.id);
  return first ? { userId: user.id, email: user.email, organisationId: first.organisationId } : undefined;
}
