/**
 * The objects of one kind in an organisation's simulated Exchange workload, as a picker offers
 * them: what to put in the parameter (the value the cmdlet's Identity takes), a name a person knows
 * it by, and a line that tells two alike apart. Searched case-insensitively on the names, aliases
 * and addresses Exchange matches an Identity against; at most `limit`, and whether there are more.
 */
import { type SQL, and, asc, eq, ilike, or } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Transaction } from "@/db/client";
import { containingPattern } from "@/db/like-pattern";
import {
  exchangeDistributionGroups,
  exchangeJournalRules,
  exchangeMailboxExportRequests,
  exchangeMailboxes,
  exchangeTransportRules,
} from "@/db/schema";
import type { ExchangeObjectKind } from "@/lib/catalog/builtin/exchange";

export interface WorkloadObject {
  /** What the parameter takes: an address, a rule's name, `alias\name` for an export request. */
  value: string;
  label: string;
  detail: string;
}

function matching(search: string, columns: AnyPgColumn[]): SQL | undefined {
  if (!search) return undefined;
  const pattern = containingPattern(search);
  return or(...columns.map((column) => ilike(column, pattern)));
}

type Lister = (tx: Transaction, organisationId: string, search: string, take: number) => Promise<WorkloadObject[]>;

const mailboxes: Lister = async (tx, organisationId, search, take) => {
  const m = exchangeMailboxes;
  const rows = await tx
    .select({ alias: m.alias, displayName: m.displayName, address: m.primarySmtpAddress, type: m.recipientType })
    .from(m)
    .where(and(eq(m.organisationId, organisationId), matching(search, [m.displayName, m.alias, m.primarySmtpAddress])))
    .orderBy(asc(m.displayName), asc(m.primarySmtpAddress))
    .limit(take);
  return rows.map((row) => ({ value: row.address, label: row.displayName, detail: `${row.address} · ${row.type} · alias ${row.alias}` }));
};

const distributionGroups: Lister = async (tx, organisationId, search, take) => {
  const g = exchangeDistributionGroups;
  const rows = await tx
    .select({ name: g.name, alias: g.alias, address: g.primarySmtpAddress, type: g.groupType })
    .from(g)
    .where(and(eq(g.organisationId, organisationId), matching(search, [g.name, g.alias, g.primarySmtpAddress])))
    .orderBy(asc(g.name))
    .limit(take);
  return rows.map((row) => ({ value: row.address, label: row.name, detail: `${row.address} · ${row.type} group` }));
};

const recipients: Lister = async (tx, organisationId, search, take) => {
  // One after the other: a transaction is one connection.
  const all = [...(await mailboxes(tx, organisationId, search, take)), ...(await distributionGroups(tx, organisationId, search, take))];
  return all.sort((a, b) => a.label.localeCompare(b.label) || a.value.localeCompare(b.value)).slice(0, take);
};

const journalRules: Lister = async (tx, organisationId, search, take) => {
  const j = exchangeJournalRules;
  const rows = await tx
    .select()
    .from(j)
    .where(and(eq(j.organisationId, organisationId), matching(search, [j.name, j.recipient, j.journalEmailAddress])))
    .orderBy(asc(j.name))
    .limit(take);
  return rows.map((rule) => ({
    value: rule.name,
    label: rule.name,
    detail: `${rule.enabled ? "Enabled" : "Disabled"} · ${rule.scope} · journals ${rule.recipient ?? "every recipient"} to ${rule.journalEmailAddress}`,
  }));
};

const transportRules: Lister = async (tx, organisationId, search, take) => {
  const t = exchangeTransportRules;
  const rows = await tx
    .select({ name: t.name, priority: t.priority, state: t.state, mode: t.mode })
    .from(t)
    .where(and(eq(t.organisationId, organisationId), matching(search, [t.name])))
    .orderBy(asc(t.priority), asc(t.name))
    .limit(take);
  return rows.map((rule) => ({ value: rule.name, label: rule.name, detail: `Priority ${rule.priority} · ${rule.state} · ${rule.mode}` }));
};

const exportRequests: Lister = async (tx, organisationId, search, take) => {
  const r = exchangeMailboxExportRequests;
  const m = exchangeMailboxes;
  const rows = await tx
    .select({ name: r.name, status: r.status, filePath: r.filePath, alias: m.alias })
    .from(r)
    .innerJoin(m, eq(m.id, r.mailboxId))
    .where(and(eq(r.organisationId, organisationId), matching(search, [r.name, m.alias, m.primarySmtpAddress])))
    .orderBy(asc(m.alias), asc(r.name))
    .limit(take);
  return rows.map((row) => {
    const identity = `${row.alias}\\${row.name}`;
    return { value: identity, label: identity, detail: `${row.status} · ${row.filePath}` };
  });
};

const listers: Record<ExchangeObjectKind, Lister> = {
  mailbox: mailboxes,
  recipient: recipients,
  "distribution-group": distributionGroups,
  "journal-rule": journalRules,
  "transport-rule": transportRules,
  "mailbox-export-request": exportRequests,
};

export async function listExchangeObjects(
  tx: Transaction,
  { organisationId, kind, search, limit }: { organisationId: string; kind: ExchangeObjectKind; search: string; limit: number },
): Promise<{ items: WorkloadObject[]; more: boolean }> {
  // One more than asked, to know whether to say there are more.
  const rows = await listers[kind](tx, organisationId, search, limit + 1);
  return { items: rows.slice(0, limit), more: rows.length > limit };
}
