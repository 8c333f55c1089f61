/**
 * Sign-in settings. Just in time: the email domains and Entra tenants whose people become plain
 * members of the organisation on their first sign-in; a domain or tenant belongs to at most one
 * organisation on a deployment, so a first sign-in never has to guess where it belongs. Trusted
 * tenants (`entraTenantIds`): whose Entra sign-ins the organisation believes at all
 * (lib/auth/entra-trust.ts); several organisations may trust one tenant.
 */
import { and, ne, sql } from "drizzle-orm";
import { z } from "zod";
import type { Transaction } from "@/db/client";
import { organisations } from "@/db/schema";
import { CONSUMER_TENANT_ID } from "@/lib/auth/entra-identity";
import { DomainError } from "@/lib/errors";

/** No more than a real organisation needs; each one is matched on every first sign-in. */
export const MAX_JIT_ENTRIES = 50;

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * A DNS name as people write it after the `@`: at least two labels of letters, digits and inner
 * hyphens, a top-level label that is not all digits (so no IP addresses), at most 253 characters.
 * No wildcards: `contoso.com` admits exactly `@contoso.com`, never a subdomain or `evil-contoso.com`.
 * International names are given in their ASCII (punycode, `xn--…`) form, as addresses carry them.
 */
export function isEmailDomain(domain: string): boolean {
  if (domain.length > 253) return false;
  const labels = domain.split(".");
  return labels.length >= 2 && labels.every((label) => LABEL.test(label)) && !/^\d+$/.test(labels.at(-1)!);
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Lower case, each once, in order: so "changed?" compares sets and the audit reads stably. */
const sortedOnce = (values: string[]) => [...new Set(values)].sort();

export const jitEmailDomainsInput = z
  .array(
    z
      .string()
      .trim()
      .toLowerCase()
      .refine(isEmailDomain, { error: "is not a domain such as contoso.com (no wildcards, no @)" }),
  )
  .max(MAX_JIT_ENTRIES, `must be at most ${MAX_JIT_ENTRIES} domains`)
  .transform(sortedOnce);

/** Entra tenant ids: GUIDs, never the consumer tenant (anyone can make an account there). */
const tenantIdsInput = () =>
  z
    .array(
      z
        .string()
        .trim()
        .toLowerCase()
        .regex(GUID, { error: "is not an Entra tenant id (a GUID such as 72f988bf-86f1-41af-91ab-2d7cd011db47)" })
        .refine((id) => id !== CONSUMER_TENANT_ID, {
          error: "is the tenant of personal Microsoft accounts, which anyone can join: it cannot be trusted",
        }),
    )
    .max(MAX_JIT_ENTRIES, `must be at most ${MAX_JIT_ENTRIES} tenant ids`)
    .transform(sortedOnce);

export const jitEntraTenantIdsInput = tenantIdsInput();
export const entraTenantIdsInput = tenantIdsInput();

/** The part of an address after its last `@`, lower case: what a JIT domain is compared with, exactly. */
export function emailDomainOf(email: string): string {
  return email.slice(email.lastIndexOf("@") + 1).toLowerCase();
}

/**
 * Refuses domains or tenants another organisation already lists. Every change of these settings
 * takes one transaction-wide lock first, so two organisations saving the same domain at once cannot
 * both pass the check.
 */
export async function checkJitEntriesFree(
  tx: Transaction,
  organisationId: string,
  { jitEmailDomains, jitEntraTenantIds }: { jitEmailDomains?: string[]; jitEntraTenantIds?: string[] },
) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('elevate:jit-membership-settings'))`);
  for (const [field, column, values, what] of [
    ["jitEmailDomains", organisations.jitEmailDomains, jitEmailDomains, "domain"],
    ["jitEntraTenantIds", organisations.jitEntraTenantIds, jitEntraTenantIds, "tenant"],
  ] as const) {
    if (!values?.length) continue;
    const taken = await tx
      .select({ values: column })
      .from(organisations)
      .where(and(ne(organisations.id, organisationId), sql`${column} && array[${sql.join(values.map((value) => sql`${value}`), sql`, `)}]::text[]`));
    const clashes = values.filter((value) => taken.some((row) => row.values.includes(value)));
    if (clashes.length > 0) {
      // Which organisation holds it is not said: that would tell one tenant about another.
      const message = `Another organisation on this Elevate already admits people of this ${what}${clashes.length > 1 ? "s" : ""}: ${clashes.join(", ")}.`;
      throw new DomainError("conflict:jit-domain-taken", message, { [field]: [message] });
    }
  }
}
