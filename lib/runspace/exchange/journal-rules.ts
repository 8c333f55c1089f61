/** New-JournalRule, Get-JournalRule, Remove-JournalRule, Disable-JournalRule. */
import { and, asc, eq } from "drizzle-orm";
import { exchangeJournalRules } from "@/db/schema";
import { EXCHANGE_SCOPE } from "@/lib/catalog/builtin/exchange";
import { DomainError, invalidField } from "@/lib/errors";
import { type Workload, defineTask } from "../task-handler";
import { choice, cmdletParameters, emailAddress, flag, text } from "./parameters";
import { findMailboxes, matchesIdentity, objectNotFound, resolveRecipientAddress } from "./recipients";

const scope = EXCHANGE_SCOPE.name;

/** Exchange Online's limit on journal rules per organisation. */
const MAX_JOURNAL_RULES = 50;

type JournalRule = typeof exchangeJournalRules.$inferSelect;

function journalRuleOutput(rule: JournalRule) {
  return {
    Identity: rule.name,
    Guid: rule.id,
    Name: rule.name,
    Recipient: rule.recipient,
    JournalEmailAddress: rule.journalEmailAddress,
    Scope: rule.scope,
    Enabled: rule.enabled,
  };
}

function ruleWhere(organisationId: string, identity: string) {
  return and(
    eq(exchangeJournalRules.organisationId, organisationId),
    matchesIdentity(identity, exchangeJournalRules.id, [exchangeJournalRules.name]),
  );
}

async function resolveJournalRule({ tx, organisationId, organization }: Workload, identity: string) {
  const [rule] = await tx.select().from(exchangeJournalRules).where(ruleWhere(organisationId, identity));
  if (!rule) throw objectNotFound("not-found:journal-rule", identity, organization);
  return rule;
}

export const newJournalRule = defineTask({
  scope,
  name: "New-JournalRule",
  parameters: cmdletParameters({
    Name: text(64),
    JournalEmailAddress: emailAddress(),
    Recipient: emailAddress().optional(),
    Scope: choice(["Global", "Internal", "External"] as const).default("Global"),
    // Exchange creates journal rules disabled unless told otherwise.
    Enabled: flag().default(false),
  }),
  async run(context, params) {
    const { tx, organisationId } = context;
    // Exchange Online refuses to journal into one of its own mailboxes.
    if ((await findMailboxes(tx, organisationId, params.JournalEmailAddress)).length > 0) {
      throw invalidField(
        "invalid:journal-email-address",
        "JournalEmailAddress",
        "Exchange Online mailboxes can't be journaling mailboxes. Specify an address outside the organisation.",
      );
    }
    const recipient = params.Recipient
      ? await resolveRecipientAddress(context, params.Recipient, "Recipient")
      : null;
    const total = await tx.$count(exchangeJournalRules, eq(exchangeJournalRules.organisationId, organisationId));
    if (total >= MAX_JOURNAL_RULES) {
      throw new DomainError(
        "limit:journal-rules",
        `An organisation can have at most ${MAX_JOURNAL_RULES} journal rules.`,
      );
    }
    const [rule] = await tx
      .insert(exchangeJournalRules)
      .values({
        organisationId,
        name: params.Name,
        recipient,
        journalEmailAddress: params.JournalEmailAddress,
        scope: params.Scope,
        enabled: params.Enabled,
      })
      .onConflictDoNothing()
      .returning();
    if (!rule) {
      throw new DomainError(
        "conflict:journal-rule-exists",
        `A journal rule with the name '${params.Name}' already exists.`,
      );
    }
    return journalRuleOutput(rule);
  },
});

export const getJournalRule = defineTask({
  scope,
  name: "Get-JournalRule",
  parameters: cmdletParameters({ Identity: text().optional() }),
  async run(context, params) {
    const { tx, organisationId } = context;
    if (params.Identity) return [journalRuleOutput(await resolveJournalRule(context, params.Identity))];
    const rules = await tx
      .select()
      .from(exchangeJournalRules)
      .where(eq(exchangeJournalRules.organisationId, organisationId))
      .orderBy(asc(exchangeJournalRules.name));
    return rules.map(journalRuleOutput);
  },
});

export const removeJournalRule = defineTask({
  scope,
  name: "Remove-JournalRule",
  parameters: cmdletParameters({ Identity: text() }),
  async run({ tx, organisationId, organization }, params) {
    const removed = await tx.delete(exchangeJournalRules).where(ruleWhere(organisationId, params.Identity)).returning();
    if (removed.length === 0) throw objectNotFound("not-found:journal-rule", params.Identity, organization);
    // Like the cmdlet, nothing is returned.
    return null;
  },
});

export const disableJournalRule = defineTask({
  scope,
  name: "Disable-JournalRule",
  parameters: cmdletParameters({ Identity: text() }),
  async run({ tx, organisationId, organization }, params) {
    const [rule] = await tx
      .update(exchangeJournalRules)
      .set({ enabled: false })
      .where(ruleWhere(organisationId, params.Identity))
      .returning();
    if (!rule) throw objectNotFound("not-found:journal-rule", params.Identity, organization);
    return journalRuleOutput(rule);
  },
});
