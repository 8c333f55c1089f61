/** New-TransportRule, Get-TransportRule, Disable-TransportRule (mail flow rules). */
import { and, asc, eq, gte, sql } from "drizzle-orm";
import { z } from "zod";
import { exchangeTransportRules } from "@/db/schema";
import { EXCHANGE_SCOPE } from "@/lib/catalog/builtin/exchange";
import { DomainError, invalidField } from "@/lib/errors";
import { type Workload, defineTask } from "../task-handler";
import { choice, cmdletParameters, flag, text, textList } from "./parameters";
import { matchesIdentity, objectNotFound, resolveRecipientAddress } from "./recipients";

const scope = EXCHANGE_SCOPE.name;

type TransportRule = typeof exchangeTransportRules.$inferSelect;

/** Parameters that name recipients: stored as their primary SMTP addresses. */
const recipientParameters = ["From", "SentTo", "BlindCopyTo", "RedirectMessageTo", "ModerateMessageByUser"] as const;
const conditionNames = [
  "From",
  "SentTo",
  "FromScope",
  "SentToScope",
  "SubjectContainsWords",
  "SubjectOrBodyContainsWords",
  "AttachmentHasExecutableContent",
] as const;
const actionNames = [
  "PrependSubject",
  "BlindCopyTo",
  "RedirectMessageTo",
  "ModerateMessageByUser",
  "RejectMessageReasonText",
  "DeleteMessage",
  "ApplyHtmlDisclaimerText",
  "ApplyHtmlDisclaimerLocation",
  "SetSCL",
] as const;

export function transportRuleOutput(rule: TransportRule) {
  return {
    Identity: rule.name,
    Guid: rule.id,
    Name: rule.name,
    Priority: rule.priority,
    State: rule.state,
    Mode: rule.mode,
    Comments: rule.comments,
    // jsonb reorders keys; list them in the cmdlet's order instead.
    Conditions: conditionNames.filter((name) => name in rule.conditions),
    Actions: actionNames.filter((name) => name in rule.actions),
    ...rule.conditions,
    ...rule.actions,
  };
}

const parameters = cmdletParameters({
  Name: text(64),
  Priority: z
    .number({ error: "must be a whole number" })
    .int("must be a whole number")
    .min(0, "can't be negative")
    .optional(),
  Enabled: flag().default(true),
  Mode: choice(["Enforce", "Audit", "AuditAndNotify"] as const).default("Enforce"),
  Comments: text(1024).optional(),
  // Conditions (none: the rule applies to every message).
  From: textList(text()).optional(),
  SentTo: textList(text()).optional(),
  FromScope: choice(["InOrganization", "NotInOrganization"] as const).optional(),
  SentToScope: choice([
    "InOrganization",
    "NotInOrganization",
    "ExternalPartner",
    "ExternalNonPartner",
  ] as const).optional(),
  SubjectContainsWords: textList(text(128)).optional(),
  SubjectOrBodyContainsWords: textList(text(128)).optional(),
  AttachmentHasExecutableContent: flag().optional(),
  // Actions. PrependSubject keeps its spaces: "[EXTERNAL] " ends with one on purpose.
  PrependSubject: z
    .string({ error: "must be text" })
    .min(1, "can't be empty")
    .max(128, "must be at most 128 characters")
    .optional(),
  BlindCopyTo: textList(text()).optional(),
  RedirectMessageTo: textList(text()).optional(),
  ModerateMessageByUser: textList(text()).optional(),
  RejectMessageReasonText: text(1024).optional(),
  DeleteMessage: flag().optional(),
  ApplyHtmlDisclaimerText: text(5000).optional(),
  ApplyHtmlDisclaimerLocation: choice(["Append", "Prepend"] as const).optional(),
  // Spam confidence level: -1 bypasses spam filtering, 9 is certain spam.
  SetSCL: z
    .number({ error: "must be a whole number from -1 to 9" })
    .int("must be a whole number from -1 to 9")
    .min(-1, "must be a whole number from -1 to 9")
    .max(9, "must be a whole number from -1 to 9")
    .optional(),
}).superRefine((params, context) => {
  const hasAction = actionNames.some((name) => params[name] !== undefined && params[name] !== false);
  if (!hasAction) {
    context.addIssue({
      code: "custom",
      path: ["PrependSubject"],
      message:
        "a mail flow rule needs at least one action, such as PrependSubject, BlindCopyTo or RejectMessageReasonText",
    });
  }
  if (params.ApplyHtmlDisclaimerLocation && !params.ApplyHtmlDisclaimerText) {
    const path = ["ApplyHtmlDisclaimerLocation"];
    context.addIssue({ code: "custom", path, message: "needs ApplyHtmlDisclaimerText" });
  }
});

type Parameters = z.infer<typeof parameters>;

/** The given conditions or actions, recipients resolved to addresses, absent ones left out. */
async function pick(workload: Workload, params: Parameters, names: readonly (keyof Parameters)[]) {
  const picked: Record<string, unknown> = {};
  for (const name of names) {
    const value = params[name];
    if (value === undefined) continue;
    if ((recipientParameters as readonly string[]).includes(name)) {
      const addresses: string[] = [];
      for (const identity of value as string[]) {
        addresses.push(await resolveRecipientAddress(workload, identity, name));
      }
      picked[name] = addresses;
    } else {
      picked[name] = value;
    }
  }
  return picked;
}

export const newTransportRule = defineTask({
  scope,
  name: "New-TransportRule",
  parameters,
  async run(context, params) {
    const { tx, organisationId } = context;
    // Priorities are renumbered below: creators in one organisation take turns.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`exchange-transport-rules:${organisationId}`}))`);
    const inOrganisation = eq(exchangeTransportRules.organisationId, organisationId);
    const [existing] = await tx
      .select({ id: exchangeTransportRules.id })
      .from(exchangeTransportRules)
      .where(and(inOrganisation, eq(sql`lower(${exchangeTransportRules.name})`, params.Name.toLowerCase())));
    if (existing) {
      throw new DomainError(
        "conflict:transport-rule-exists",
        `A mail flow rule with the name '${params.Name}' already exists.`,
      );
    }
    const total = await tx.$count(exchangeTransportRules, inOrganisation);
    const priority = params.Priority ?? total;
    if (priority > total) {
      const message = `Priority must be between 0 and ${total}: there are ${total} mail flow rules.`;
      throw invalidField("invalid:priority", "Priority", message);
    }
    const conditions = await pick(context, params, conditionNames);
    const actions = await pick(context, params, actionNames);
    // Rules at and after the new one's place move down one, as in Exchange.
    await tx
      .update(exchangeTransportRules)
      .set({ priority: sql`${exchangeTransportRules.priority} + 1` })
      .where(and(inOrganisation, gte(exchangeTransportRules.priority, priority)));
    const [rule] = await tx
      .insert(exchangeTransportRules)
      .values({
        organisationId,
        name: params.Name,
        priority,
        state: params.Enabled ? "Enabled" : "Disabled",
        mode: params.Mode,
        conditions,
        actions,
        comments: params.Comments ?? "",
      })
      .returning();
    return transportRuleOutput(rule!);
  },
});

function ruleWhere(organisationId: string, identity: string) {
  return and(
    eq(exchangeTransportRules.organisationId, organisationId),
    matchesIdentity(identity, exchangeTransportRules.id, [exchangeTransportRules.name]),
  );
}

export const getTransportRule = defineTask({
  scope,
  name: "Get-TransportRule",
  parameters: cmdletParameters({
    Identity: text().optional(),
    State: choice(["Enabled", "Disabled"] as const).optional(),
  }),
  async run({ tx, organisationId, organization }, params) {
    const rules = await tx
      .select()
      .from(exchangeTransportRules)
      .where(
        params.Identity
          ? ruleWhere(organisationId, params.Identity)
          : eq(exchangeTransportRules.organisationId, organisationId),
      )
      .orderBy(asc(exchangeTransportRules.priority));
    if (params.Identity && rules.length === 0) throw objectNotFound("not-found:transport-rule", params.Identity, organization);
    return rules.filter((rule) => !params.State || rule.state === params.State).map(transportRuleOutput);
  },
});

export const disableTransportRule = defineTask({
  scope,
  name: "Disable-TransportRule",
  parameters: cmdletParameters({ Identity: text() }),
  async run({ tx, organisationId, organization }, params) {
    const [rule] = await tx
      .update(exchangeTransportRules)
      .set({ state: "Disabled" })
      .where(ruleWhere(organisationId, params.Identity))
      .returning();
    if (!rule) throw objectNotFound("not-found:transport-rule", params.Identity, organization);
    return transportRuleOutput(rule);
  },
});
