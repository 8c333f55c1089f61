/**
 * Finding recipients (mailboxes and distribution groups) the way Exchange does: an Identity may be
 * an alias, a name or a primary SMTP address, compared case-insensitively, always within the
 * caller's organisation.
 */
import { type SQL, and, eq, or, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Transaction } from "@/db/client";
import { exchangeDistributionGroups, exchangeMailboxes } from "@/db/schema";
import { DomainError, invalidField } from "@/lib/errors";
import type { Workload } from "../task-handler";

export type Mailbox = typeof exchangeMailboxes.$inferSelect;
export type DistributionGroup = typeof exchangeDistributionGroups.$inferSelect;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Exchange Online's error for an Identity that names nothing, worded as the cmdlet words it. Where
 * Exchange names one of its directory servers, the demo names the organisation's own tenant: a
 * server name would be one that does not exist.
 */
export function objectNotFound(code: `not-found:${string}`, identity: string, organization: string): DomainError {
  return new DomainError(
    code,
    `The operation couldn't be performed because object '${identity}' couldn't be found on '${organization}'.`,
  );
}

/** `lower(column) = key` for each column, or the row's id when the Identity is a GUID. */
export function matchesIdentity(identity: string, id: AnyPgColumn, columns: AnyPgColumn[]): SQL {
  const key = identity.trim().toLowerCase();
  const conditions = columns.map((column) => eq(sql`lower(${column})`, key));
  if (UUID.test(key)) conditions.push(eq(id, key));
  return or(...conditions)!;
}

/** Several matches (two people with one display name) must not pick one silently. */
function single<Row>(
  workload: Workload,
  rows: Row[],
  identity: string,
  field: string,
  code: `not-found:${string}`,
): Row {
  if (rows.length > 1) {
    throw invalidField(
      "invalid:ambiguous-identity",
      field,
      `The operation couldn't be performed because '${identity}' matches multiple entries.`,
    );
  }
  if (!rows[0]) throw objectNotFound(code, identity, workload.organization);
  return rows[0];
}

export async function findMailboxes(tx: Transaction, organisationId: string, identity: string) {
  const { id, alias, displayName, primarySmtpAddress } = exchangeMailboxes;
  return tx
    .select()
    .from(exchangeMailboxes)
    .where(
      and(
        eq(exchangeMailboxes.organisationId, organisationId),
        matchesIdentity(identity, id, [alias, displayName, primarySmtpAddress]),
      ),
    )
    .limit(2);
}

/** The one mailbox an Identity names, or `not-found:mailbox`. */
export async function resolveMailbox(workload: Workload, identity: string, field = "Identity"): Promise<Mailbox> {
  const rows = await findMailboxes(workload.tx, workload.organisationId, identity);
  return single(workload, rows, identity, field, "not-found:mailbox");
}

export async function findDistributionGroups(tx: Transaction, organisationId: string, identity: string) {
  const { id, name, alias, primarySmtpAddress } = exchangeDistributionGroups;
  return tx
    .select()
    .from(exchangeDistributionGroups)
    .where(
      and(
        eq(exchangeDistributionGroups.organisationId, organisationId),
        matchesIdentity(identity, id, [name, alias, primarySmtpAddress]),
      ),
    )
    .limit(2);
}

export async function resolveDistributionGroup(
  workload: Workload,
  identity: string,
  field = "Identity",
): Promise<DistributionGroup> {
  const rows = await findDistributionGroups(workload.tx, workload.organisationId, identity);
  return single(workload, rows, identity, field, "not-found:distribution-group");
}

/**
 * Any mail-enabled recipient (mailbox or distribution group), as its primary SMTP address: what
 * permissions, group members and journal rules store.
 */
export async function resolveRecipientAddress(
  workload: Workload,
  identity: string,
  field: string,
  code: `not-found:${string}` = "not-found:recipient",
): Promise<string> {
  const { tx, organisationId } = workload;
  // One after the other: a transaction is one connection.
  const mailboxes = await findMailboxes(tx, organisationId, identity);
  const groups = await findDistributionGroups(tx, organisationId, identity);
  const addresses = [...mailboxes, ...groups].map((r) => r.primarySmtpAddress.toLowerCase());
  return single(workload, addresses, identity, field, code);
}

/**
 * Exchange keeps aliases and SMTP addresses unique across all recipients, so a new mailbox may not
 * take a group's address and the other way round.
 */
export async function assertAddressesFree(
  tx: Transaction,
  organisationId: string,
  wanted: { alias: string; primarySmtpAddress: string },
): Promise<void> {
  const alias = wanted.alias.toLowerCase();
  const address = wanted.primarySmtpAddress.toLowerCase();
  const taken: { alias: string; address: string }[] = [];
  for (const table of [exchangeMailboxes, exchangeDistributionGroups] as const) {
    taken.push(
      ...(await tx
        .select({ alias: table.alias, address: table.primarySmtpAddress })
        .from(table)
        .where(
          and(
            eq(table.organisationId, organisationId),
            or(eq(sql`lower(${table.alias})`, alias), eq(sql`lower(${table.primarySmtpAddress})`, address)),
          ),
        )),
    );
  }
  if (taken.some((row) => row.address.toLowerCase() === address)) {
    throw new DomainError(
      "conflict:email-address-in-use",
      `The proxy address "SMTP:${wanted.primarySmtpAddress}" is already being used by another recipient. ` +
        "Please choose another proxy address.",
    );
  }
  if (taken.length > 0) {
    throw new DomainError(
      "conflict:alias-in-use",
      `The alias "${wanted.alias}" is already being used by another recipient. Please choose another alias.`,
    );
  }
}

/** Recipient names (a mailbox's display name, a group's name) are unique, as Exchange's Name is. */
export async function assertNameFree(tx: Transaction, organisationId: string, name: string): Promise<void> {
  const key = name.toLowerCase();
  const mailboxes = await tx
    .select({ id: exchangeMailboxes.id })
    .from(exchangeMailboxes)
    .where(
      and(
        eq(exchangeMailboxes.organisationId, organisationId),
        eq(sql`lower(${exchangeMailboxes.displayName})`, key),
      ),
    )
    .limit(1);
  const groups = await tx
    .select({ id: exchangeDistributionGroups.id })
    .from(exchangeDistributionGroups)
    .where(
      and(
        eq(exchangeDistributionGroups.organisationId, organisationId),
        eq(sql`lower(${exchangeDistributionGroups.name})`, key),
      ),
    )
    .limit(1);
  if (mailboxes.length > 0 || groups.length > 0) {
    throw new DomainError("conflict:name-in-use", `The name "${name}" is already being used. Please try another name.`);
  }
}
