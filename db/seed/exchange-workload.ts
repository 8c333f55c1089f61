/**
 * The demo Exchange workload of Contoso: the mailboxes, rules and groups the runspace's tasks work
 * on. Idempotent: every row has a natural key and inserts skip what exists, so seeding again
 * changes nothing (and never undoes what an admin changed through the runspace).
 */
import { and, eq, inArray } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import {
  exchangeDistributionGroupMembers,
  exchangeDistributionGroups,
  exchangeJournalRules,
  exchangeMailboxPermissions,
  exchangeMailboxes,
  exchangeTransportRules,
} from "@/db/schema";

const GB = 1024;

const demoMailboxes: Omit<typeof exchangeMailboxes.$inferInsert, "organisationId">[] = [
  { alias: "PattiF", displayName: "Patti Fernandez", primarySmtpAddress: "ceo@contoso.com" },
  { alias: "MeganB", displayName: "Megan Bowen", primarySmtpAddress: "admin@contoso.com" },
  { alias: "AdeleV", displayName: "Adele Vance", primarySmtpAddress: "requester@contoso.com" },
  { alias: "LynneR", displayName: "Lynne Robbins", primarySmtpAddress: "requester2@contoso.com" },
  {
    alias: "JoniS",
    displayName: "Joni Sherman",
    primarySmtpAddress: "jonis@contoso.com",
    litigationHoldEnabled: true,
  },
  { alias: "IrvinS", displayName: "Irvin Sayers", primarySmtpAddress: "irvins@contoso.com" },
  // Unlicensed shared mailboxes get 50 GB in Exchange Online.
  {
    alias: "finance",
    displayName: "Finance",
    primarySmtpAddress: "finance@contoso.com",
    recipientType: "SharedMailbox",
    issueWarningQuotaMb: 49 * GB,
    prohibitSendQuotaMb: 49.5 * GB,
  },
  {
    alias: "legal",
    displayName: "Legal",
    primarySmtpAddress: "legal@contoso.com",
    recipientType: "SharedMailbox",
    litigationHoldEnabled: true,
    issueWarningQuotaMb: 49 * GB,
    prohibitSendQuotaMb: 49.5 * GB,
  },
];

/** Who may open which shared mailbox, by alias. */
const demoPermissions = [
  { mailbox: "legal", user: "jonis@contoso.com" },
  { mailbox: "legal", user: "irvins@contoso.com" },
];

const demoGroup = {
  name: "Legal Team",
  alias: "LegalTeam",
  primarySmtpAddress: "legalteam@contoso.com",
  managedBy: ["irvins@contoso.com"],
  members: ["irvins@contoso.com", "jonis@contoso.com"],
};

const demoJournalRule = {
  name: "Journal Legal Team",
  recipient: "legalteam@contoso.com",
  // Exchange Online journals to an address outside the organisation.
  journalEmailAddress: "journal@contoso-archive.com",
  scope: "Global" as const,
  enabled: true,
};

const demoTransportRules = [
  {
    name: "External sender warning",
    priority: 0,
    conditions: { FromScope: "NotInOrganization" },
    actions: { PrependSubject: "[EXTERNAL] " },
    comments: "Flags mail from outside Contoso.",
  },
  {
    name: "Keep Project Falcon inside Contoso",
    priority: 1,
    conditions: { SentToScope: "NotInOrganization", SubjectOrBodyContainsWords: ["Project Falcon"] },
    actions: { RejectMessageReasonText: "Project Falcon details can't be sent outside Contoso." },
    comments: "Requested by Legal (LEG-1042).",
  },
];

export async function seedExchangeWorkload(tx: Transaction, organisationId: string): Promise<void> {
  await tx
    .insert(exchangeMailboxes)
    .values(demoMailboxes.map((mailbox) => ({ ...mailbox, organisationId })))
    .onConflictDoNothing();
  const mailboxIds = new Map(
    (
      await tx
        .select({ id: exchangeMailboxes.id, alias: exchangeMailboxes.alias })
        .from(exchangeMailboxes)
        .where(
          and(
            eq(exchangeMailboxes.organisationId, organisationId),
            inArray(
              exchangeMailboxes.alias,
              demoMailboxes.map((m) => m.alias),
            ),
          ),
        )
    ).map((row) => [row.alias, row.id]),
  );
  await tx
    .insert(exchangeMailboxPermissions)
    .values(
      demoPermissions.map(({ mailbox, user }) => ({
        organisationId,
        mailboxId: mailboxIds.get(mailbox)!,
        user,
        accessRights: ["FullAccess"],
      })),
    )
    .onConflictDoNothing();

  const { members, ...group } = demoGroup;
  await tx
    .insert(exchangeDistributionGroups)
    .values({ ...group, organisationId })
    .onConflictDoNothing();
  const [{ id: groupId }] = (await tx
    .select({ id: exchangeDistributionGroups.id })
    .from(exchangeDistributionGroups)
    .where(
      and(
        eq(exchangeDistributionGroups.organisationId, organisationId),
        eq(exchangeDistributionGroups.alias, group.alias),
      ),
    )) as [{ id: string }];
  await tx
    .insert(exchangeDistributionGroupMembers)
    .values(members.map((member) => ({ organisationId, groupId, member })))
    .onConflictDoNothing();

  await tx
    .insert(exchangeJournalRules)
    .values({ ...demoJournalRule, organisationId })
    .onConflictDoNothing();
  await tx
    .insert(exchangeTransportRules)
    .values(demoTransportRules.map((rule) => ({ ...rule, organisationId })))
    .onConflictDoNothing();
}
