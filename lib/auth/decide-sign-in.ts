/**
 * Who may sign in, and to which organisation. Reads only: lib/auth/admit-sign-in.ts acts on the
 * decision, and lib/notify/send-sign-in-link.ts asks it before it mails a link.
 *
 * - An Entra identity already linked to a person (accounts: provider + `tid:oid`) is that person,
 *   whatever address the token carries now, or none.
 * - Otherwise the person is found by a verified address: the magic link's, or the token's
 *   (lib/auth/entra-identity.ts: `email` only with `xms_edov`, else a member's UPN). A person
 *   already linked to another Entra identity is not taken over by a second identity that claims
 *   the same address.
 * - An Entra sign-in opens only an organisation that trusts the token's tenant
 *   (lib/auth/entra-trust.ts), however the person was found; a demo sign-in only a demo organisation.
 * - With no such membership, an organisation whose just-in-time domains or tenants match makes the
 *   person a plain member (a tenant match wins over a domain match); never where they already have
 *   a membership or a disabled member has the identity or the address (give or take a `+tag`), never
 *   a guest of a tenant, and through Entra never onto a person of an organisation that does not
 *   trust the tenant.
 */
import { and, asc, eq, isNotNull, ne, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { accounts, memberships, organisations, users } from "@/db/schema";
import { emailDomainOf } from "@/lib/settings/jit-settings";
import { ENTRA_PROVIDER_ID, type EntraIdentity, entraAccountId } from "./entra-identity";
import { type TenantTrust, deploymentEntraTenantId, trustsTenant } from "./entra-trust";

export type SignInAttempt =
  /** A magic link that was used: the link proved the address. */
  | { method: "resend"; email: string }
  | { method: typeof ENTRA_PROVIDER_ID; identity: EntraIdentity }
  /** The demo picker: existing members of a demo organisation only, never just in time. */
  | { method: "demo"; email: string };

/** What the deployment adds to a decision: the tenant of its Entra app registration (entra-trust.ts). */
export interface SignInContext {
  homeTenantId: string | null;
}

export const deploymentSignInContext = (): SignInContext => ({ homeTenantId: deploymentEntraTenantId() });

export type JitRule = "tenant" | "domain";

export type SignInDecision =
  | { outcome: "member"; userId: string; email: string; organisationId: string }
  | {
      outcome: "join";
      /** The existing person, or null: a new person with `email`. */
      userId: string | null;
      /** The person's stored address, or the new person's. */
      email: string;
      /** The verified address of this sign-in: what a domain rule matched, and is checked again on joining. */
      address: string | null;
      name: string | null;
      organisationId: string;
      rule: JitRule;
    }
  | {
      outcome: "refuse";
      reason: string;
      /** Where the refusal is audited: an organisation the person belongs to. None: the server log only. */
      known?: { userId: string; email: string; organisationId: string };
    };

interface MembershipRow extends TenantTrust {
  organisationId: string;
  disabled: boolean;
  demo: boolean;
}

export async function decideSignIn(
  db: Executor,
  attempt: SignInAttempt,
  context: SignInContext = deploymentSignInContext(),
): Promise<SignInDecision> {
  const entra = attempt.method === ENTRA_PROVIDER_ID ? attempt.identity : null;
  const demo = attempt.method === "demo";
  // The one address this sign-in proves: it finds the person, and a domain rule matches it.
  const address = entra ? entra.email : attempt.method === "resend" || attempt.method === "demo" ? attempt.email.toLowerCase() : null;
  const believes = (organisation: TenantTrust) => !entra || trustsTenant(organisation, entra.tenantId, context.homeTenantId);

  let user = entra ? await userByEntraAccount(db, entra) : null;
  if (!user) {
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

  const all = user ? await membershipsOf(db, user.id) : [];
  const rows = demo ? all.filter((row) => row.demo) : all;
  const active = rows.find((row) => !row.disabled && believes(row));
  if (user && active) return { outcome: "member", userId: user.id, email: user.email, organisationId: active.organisationId };

  const knownIn = (organisationId: string) => (user ? { userId: user.id, email: user.email, organisationId } : undefined);
  if (!demo) {
    const target = await findJitOrganisation(db, { address, tenantId: entra?.tenantId ?? null, homeTenantId: context.homeTenantId });
    // A new person needs an address to be made with.
    if (target && !all.some((row) => row.organisationId === target.organisationId) && (user || address)) {
      if (entra?.guest) {
        return { outcome: "refuse", reason: "a guest of the Entra tenant is not made a member just in time", known: all[0] && knownIn(all[0].organisationId) };
      }
      // Through Entra, a person who is already another organisation's is joined (and the identity
      // linked to them) only if each of their organisations would believe this tenant itself.
      const distrusting = entra ? all.find((row) => !believes(row)) : undefined;
      if (distrusting) {
        return {
          outcome: "refuse",
          reason: "the person belongs to an organisation that does not accept sign-ins from this Entra tenant",
          known: knownIn(distrusting.organisationId),
        };
      }
      const disabled = await disabledMemberAlike(db, target.organisationId, { address, entra });
      if (disabled) return { outcome: "refuse", reason: "a disabled member has this identity or address", known: disabled };
      return {
        outcome: "join",
        userId: user?.id ?? null,
        email: user?.email ?? address!,
        address,
        name: entra?.name ?? null,
        organisationId: target.organisationId,
        rule: target.rule,
      };
    }
  }

  // A demo sign-in as a real organisation's member is refused and lands in that organisation's log:
  // someone tried to be one of its people with a click.
  if (demo && rows.length === 0 && all[0]) {
    return { outcome: "refuse", reason: "demo sign-in opens demo organisations only", known: knownIn(all[0].organisationId) };
  }
  const reason = rows.some((row) => !row.disabled)
    ? "the organisation does not accept sign-ins from this Entra tenant"
    : rows.length > 0
      ? "membership disabled"
      : "not a member";
  return { outcome: "refuse", reason, known: rows[0] && knownIn(rows[0].organisationId) };
}

/**
 * The organisation that admits this sign-in just in time, if any: by the Entra tenant, or by the
 * verified address's domain, matched exactly on the part after the last `@`. A domain rule for an
 * Entra sign-in also needs the organisation to trust the token's tenant.
 */
export async function findJitOrganisation(
  db: Executor,
  { address, tenantId, homeTenantId }: { address: string | null; tenantId: string | null; homeTenantId: string | null },
) {
  const domain = address ? emailDomainOf(address) : null;
  if (!domain && !tenantId) return null;
  const byDomainSql = domain ? sql`${domain} = any(${organisations.jitEmailDomains})` : sql`false`;
  const candidates = await db
    .select({
      organisationId: organisations.id,
      domains: organisations.jitEmailDomains,
      jitEntraTenantIds: organisations.jitEntraTenantIds,
      entraTenantIds: organisations.entraTenantIds,
    })
    .from(organisations)
    .where(tenantId ? sql`${byDomainSql} or ${tenantId} = any(${organisations.jitEntraTenantIds})` : byDomainSql)
    .orderBy(asc(organisations.createdAt));
  const byTenant = tenantId ? candidates.find((org) => org.jitEntraTenantIds.includes(tenantId) && trustsTenant(org, tenantId, homeTenantId)) : undefined;
  if (byTenant) return { organisationId: byTenant.organisationId, rule: "tenant" as const };
  const byDomain = candidates.find(
    (org) => domain !== null && org.domains.includes(domain) && (!tenantId || trustsTenant(org, tenantId, homeTenantId)),
  );
  return byDomain ? { organisationId: byDomain.organisationId, rule: "domain" as const } : null;
}

/** An address as a mailbox sees it: the local part without a `+tag`, lower case. */
export function untaggedAddress(email: string): string {
  const at = email.lastIndexOf("@");
  const local = email.slice(0, at);
  const plus = local.indexOf("+");
  return `${plus === -1 ? local : local.slice(0, plus)}${email.slice(at)}`.toLowerCase();
}

/**
 * A disabled member of the organisation who is this person under another name: the Entra object id
 * linked to them (in any tenant), or the same mailbox give or take a `+tag`.
 */
async function disabledMemberAlike(
  db: Executor,
  organisationId: string,
  { address, entra }: { address: string | null; entra: EntraIdentity | null },
) {
  const sameIdentity = entra
    ? sql`exists (select 1 from ${accounts} where ${accounts.userId} = ${users.id} and ${accounts.provider} = ${ENTRA_PROVIDER_ID}
        and split_part(${accounts.providerAccountId}, ':', 2) = ${entra.objectId})`
    : sql`false`;
  const sameMailbox = address
    ? sql`regexp_replace(lower(${users.email}), '\\+[^@]*@', '@') = ${untaggedAddress(address)}`
    : sql`false`;
  const [row] = await db
    .select({ userId: users.id, email: users.email, organisationId: memberships.organisationId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organisationId, organisationId), isNotNull(memberships.disabledAt), sql`(${sameIdentity} or ${sameMailbox})`))
    .limit(1);
  return row;
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
      entraTenantIds: organisations.entraTenantIds,
      jitEntraTenantIds: organisations.jitEntraTenantIds,
      demo: organisations.demo,
    })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(organisations.createdAt));
  return rows.map(({ disabledAt, ...row }) => ({ ...row, disabled: disabledAt !== null }));
}

async function firstMembershipOf(db: Executor, user: { id: string; email: string }) {
  const [first] = await membershipsOf(db, user.id);
  return first ? { userId: user.id, email: user.email, organisationId: first.organisationId } : undefined;
}
