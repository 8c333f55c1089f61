/** Get-Mailbox, Set-Mailbox, New-Mailbox. */
import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import { exchangeMailboxes } from "@/db/schema";
import { EXCHANGE_SCOPE } from "@/lib/catalog/builtin/exchange";
import { DomainError, invalidField } from "@/lib/errors";
import { defineTask } from "../task-handler";
import { aliasText, choice, cmdletParameters, emailAddress, flag, text } from "./parameters";
import { type Mailbox, assertAddressesFree, assertNameFree, resolveMailbox } from "./recipients";

const scope = EXCHANGE_SCOPE.name;

/** Exchange Online caps a mailbox at 100 GB (ProhibitSendReceiveQuota); the others must fit under it. */
const MAX_QUOTA_MB = 100 * 1024;
const UNIT_MB = { KB: 1 / 1024, MB: 1, GB: 1024, TB: 1024 * 1024 } as const;

/** "49GB", "49 GB", "500MB", "1.5 GB" → whole megabytes. */
function quota() {
  const format = "must be a size such as 49GB or 500MB";
  return z
    .string({ error: format })
    .trim()
    .transform((value, context) => {
      const match = /^(\d+(?:\.\d+)?)\s*(KB|MB|GB|TB)$/i.exec(value);
      const unit = match?.[2]?.toUpperCase() as keyof typeof UNIT_MB | undefined;
      const megabytes = match && unit ? Math.round(Number(match[1]) * UNIT_MB[unit]) : NaN;
      if (!(megabytes >= 1 && megabytes <= MAX_QUOTA_MB)) {
        context.addIssue({
          code: "custom",
          message: match ? "must be between 1 MB and 100 GB" : format,
        });
        return z.NEVER;
      }
      return megabytes;
    });
}

/** "98 GB (105,226,698,752 bytes)", as Exchange prints a quota. */
function formatQuota(megabytes: number): string {
  const bytes = (BigInt(megabytes) * 1024n * 1024n).toLocaleString("en-US");
  const size = megabytes % 1024 === 0 ? `${megabytes / 1024} GB` : `${megabytes} MB`;
  return `${size} (${bytes} bytes)`;
}

export function mailboxOutput(mailbox: Mailbox) {
  return {
    Identity: mailbox.alias,
    Guid: mailbox.id,
    Alias: mailbox.alias,
    DisplayName: mailbox.displayName,
    PrimarySmtpAddress: mailbox.primarySmtpAddress,
    RecipientTypeDetails: mailbox.recipientType,
    LitigationHoldEnabled: mailbox.litigationHoldEnabled,
    ForwardingSmtpAddress: mailbox.forwardingSmtpAddress ? `smtp:${mailbox.forwardingSmtpAddress}` : null,
    DeliverToMailboxAndForward: mailbox.deliverToMailboxAndForward,
    IssueWarningQuota: formatQuota(mailbox.issueWarningQuotaMb),
    ProhibitSendQuota: formatQuota(mailbox.prohibitSendQuotaMb),
    WhenCreated: mailbox.createdAt.toISOString(),
  };
}

const recipientTypes = ["UserMailbox", "SharedMailbox"] as const;

export const getMailbox = defineTask({
  scope,
  name: "Get-Mailbox",
  parameters: cmdletParameters({
    Identity: text().optional(),
    RecipientTypeDetails: choice(recipientTypes).optional(),
    ResultSize: z
      .union([z.number().int().min(1).max(10_000), z.literal("Unlimited")], {
        error: "must be a whole number from 1 to 10000, or Unlimited",
      })
      .default(1000),
  }),
  async run(context, params) {
    const { tx, organisationId } = context;
    if (params.Identity) {
      const mailbox = await resolveMailbox(context, params.Identity);
      if (params.RecipientTypeDetails && mailbox.recipientType !== params.RecipientTypeDetails) return [];
      return [mailboxOutput(mailbox)];
    }
    const rows = await tx
      .select()
      .from(exchangeMailboxes)
      .where(
        and(
          eq(exchangeMailboxes.organisationId, organisationId),
          params.RecipientTypeDetails ? eq(exchangeMailboxes.recipientType, params.RecipientTypeDetails) : undefined,
        ),
      )
      .orderBy(asc(exchangeMailboxes.displayName))
      .limit(params.ResultSize === "Unlimited" ? 10_000 : params.ResultSize);
    return rows.map(mailboxOutput);
  },
});

/** Forwarding is cleared with $null or an empty string; Exchange shows addresses as "smtp:…". */
const forwardingAddress = z.union([
  z.null(),
  z.literal(""),
  z.string().trim().transform((v) => v.replace(/^smtp:/i, "")).pipe(emailAddress()),
]);

export const setMailbox = defineTask({
  scope,
  name: "Set-Mailbox",
  parameters: cmdletParameters({
    Identity: text(),
    DisplayName: text().optional(),
    LitigationHoldEnabled: flag().optional(),
    ForwardingSmtpAddress: forwardingAddress.optional(),
    DeliverToMailboxAndForward: flag().optional(),
    IssueWarningQuota: quota().optional(),
    ProhibitSendQuota: quota().optional(),
    // Converting between user and shared mailboxes is a Set-Mailbox switch in Exchange.
    Type: choice(["Regular", "Shared"] as const).optional(),
  }),
  async run(context, params) {
    const { tx, organisationId } = context;
    const mailbox = await resolveMailbox(context, params.Identity);
    const changes = {
      displayName: params.DisplayName,
      litigationHoldEnabled: params.LitigationHoldEnabled,
      // "" clears forwarding, as $null does.
      forwardingSmtpAddress:
        params.ForwardingSmtpAddress === undefined ? undefined : params.ForwardingSmtpAddress || null,
      deliverToMailboxAndForward: params.DeliverToMailboxAndForward,
      issueWarningQuotaMb: params.IssueWarningQuota,
      prohibitSendQuotaMb: params.ProhibitSendQuota,
      recipientType: params.Type && (params.Type === "Shared" ? "SharedMailbox" : "UserMailbox"),
    } satisfies Partial<Mailbox>;
    const warning = changes.issueWarningQuotaMb ?? mailbox.issueWarningQuotaMb;
    const prohibit = changes.prohibitSendQuotaMb ?? mailbox.prohibitSendQuotaMb;
    if (warning > prohibit) {
      throw invalidField(
        "invalid:quota",
        params.IssueWarningQuota !== undefined ? "IssueWarningQuota" : "ProhibitSendQuota",
        "The value of IssueWarningQuota must be less than or equal to the value of ProhibitSendQuota.",
      );
    }
    if (Object.values(changes).every((value) => value === undefined)) return mailboxOutput(mailbox);
    const [updated] = await tx
      .update(exchangeMailboxes)
      .set(changes)
      .where(and(eq(exchangeMailboxes.id, mailbox.id), eq(exchangeMailboxes.organisationId, organisationId)))
      .returning();
    return mailboxOutput(updated!);
  },
});

/** Exchange Online's rule: 8 to 256 characters, with three of upper case, lower case, digits, symbols. */
function isComplexPassword(password: string): boolean {
  const classes = [/[A-Z]/, /[a-z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  return password.length >= 8 && password.length <= 256 && classes >= 3;
}

export const newMailbox = defineTask({
  scope,
  name: "New-Mailbox",
  parameters: cmdletParameters({
    // The demo keeps no separate Name: it becomes the display name unless DisplayName is given.
    Name: text(64),
    DisplayName: text().optional(),
    Alias: aliasText().optional(),
    PrimarySmtpAddress: emailAddress().optional(),
    MicrosoftOnlineServicesID: emailAddress().optional(),
    // Never echoed in a message, never stored: the demo has no accounts to give it to.
    Password: z.string({ error: "must be text" }).optional(),
    Shared: flag().default(false),
  }).superRefine((params, context) => {
    if (!params.PrimarySmtpAddress && !params.MicrosoftOnlineServicesID) {
      context.addIssue({
        code: "custom",
        path: ["PrimarySmtpAddress"],
        message: "is required unless MicrosoftOnlineServicesID is given",
      });
    }
    if (params.Shared && params.Password !== undefined) {
      const message = "must be left out: a shared mailbox has no password";
      context.addIssue({ code: "custom", path: ["Password"], message });
    }
    if (!params.Shared && params.Password === undefined) {
      context.addIssue({ code: "custom", path: ["Password"], message: "is required for a user mailbox" });
    } else if (!params.Shared && params.Password !== undefined && !isComplexPassword(params.Password)) {
      context.addIssue({
        code: "custom",
        path: ["Password"],
        message:
          "doesn't meet the complexity requirements: 8 to 256 characters " +
          "with three of upper case, lower case, digits and symbols",
      });
    }
  }),
  secretParameters: ["Password"],
  async run({ tx, organisationId }, params) {
    const primarySmtpAddress = (params.PrimarySmtpAddress ?? params.MicrosoftOnlineServicesID)!;
    // Exchange Online derives the alias from the address's local part.
    const alias = params.Alias ?? primarySmtpAddress.slice(0, primarySmtpAddress.indexOf("@"));
    const displayName = params.DisplayName ?? params.Name;
    await assertNameFree(tx, organisationId, displayName);
    await assertAddressesFree(tx, organisationId, { alias, primarySmtpAddress });
    const [created] = await tx
      .insert(exchangeMailboxes)
      .values({
        organisationId,
        alias,
        displayName,
        primarySmtpAddress,
        recipientType: params.Shared ? "SharedMailbox" : "UserMailbox",
      })
      // A concurrent New-Mailbox may have taken the alias or address since the checks above.
      .onConflictDoNothing()
      .returning();
    if (!created) {
      throw new DomainError(
        "conflict:email-address-in-use",
        `The alias "${alias}" or address "${primarySmtpAddress}" is already being used.`,
      );
    }
    return mailboxOutput(created);
  },
});
