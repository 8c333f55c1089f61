/**
 * The built-in Exchange catalog: real cmdlets grouped the way Exchange Online RBAC groups them
 * (management roles bundle cmdlets, role groups bundle roles). A task may sit in several roles.
 * Every organisation gets it when it is created, and the tasks a later release adds at start.
 */
import type { BuiltinCatalog } from "./builtin-catalog";

export const EXCHANGE_SCOPE = {
  name: "Exchange",
  description: "Exchange Online administration (demo workload run by Elevate's runspace)",
};

export const exchangeTasks: Record<string, string> = {
  "Get-Mailbox": "Lists mailboxes and their settings.",
  "Set-Mailbox": "Changes mailbox settings such as quotas, forwarding and litigation hold.",
  "New-Mailbox": "Creates a mailbox and its user.",
  "Remove-Mailbox": "Deletes a mailbox and its user.",
  "Enable-Mailbox": "Creates a mailbox for an existing user.",
  "Add-MailboxPermission": "Grants a user full access to another user's mailbox.",
  "Remove-MailboxPermission": "Removes a mailbox permission.",
  "Get-MailboxPermission": "Lists who holds permissions on a mailbox.",
  "Add-RecipientPermission": "Grants Send As permission on a recipient.",
  "Set-CASMailbox": "Changes client access (OWA, ActiveSync, POP, IMAP) for a mailbox.",
  "New-MailContact": "Creates a mail contact for an external address.",
  "New-DistributionGroup": "Creates a distribution group.",
  "Set-DistributionGroup": "Changes a distribution group's settings.",
  "Add-DistributionGroupMember": "Adds a member to a distribution group.",
  "Remove-DistributionGroupMember": "Removes a member from a distribution group.",
  "New-JournalRule": "Creates a journal rule that copies matching mail to a journaling mailbox.",
  "Set-JournalRule": "Changes a journal rule.",
  "Remove-JournalRule": "Deletes a journal rule.",
  "Get-JournalRule": "Lists journal rules.",
  "Disable-JournalRule": "Turns a journal rule off.",
  "New-MailboxExportRequest": "Exports a mailbox's content to a PST file.",
  "Get-MailboxExportRequest": "Lists mailbox export requests.",
  "Remove-MailboxExportRequest": "Removes a mailbox export request.",
  "New-MailboxImportRequest": "Imports a PST file into a mailbox.",
  "New-TransportRule": "Creates a mail flow (transport) rule.",
  "Set-TransportRule": "Changes a mail flow rule.",
  "Remove-TransportRule": "Deletes a mail flow rule.",
  "Get-TransportRule": "Lists mail flow rules.",
  "Disable-TransportRule": "Turns a mail flow rule off.",
  "New-RetentionPolicy": "Creates a retention policy.",
  "Set-RetentionPolicy": "Changes a retention policy.",
  "Start-ManagedFolderAssistant": "Applies retention settings to a mailbox now.",
  "New-MailboxSearch": "Creates an eDiscovery search across mailboxes.",
  "Search-AdminAuditLog": "Searches the administrator audit log.",
  "Search-MailboxAuditLog": "Searches mailbox audit logs.",
  "Set-AdminAuditLogConfig": "Changes administrator audit logging settings.",
  "Set-OrganizationConfig": "Changes organisation-wide Exchange settings.",
  "New-AcceptedDomain": "Adds an accepted domain.",
  "Remove-AcceptedDomain": "Removes an accepted domain.",
};

export const exchangeRoles: Record<string, { description: string; tasks: string[] }> = {
  "Mail Recipients": {
    description: "Manage existing mailboxes, mail users and mail contacts.",
    tasks: [
      "Get-Mailbox",
      "Set-Mailbox",
      "Enable-Mailbox",
      "Add-MailboxPermission",
      "Remove-MailboxPermission",
      "Get-MailboxPermission",
      "Add-RecipientPermission",
      "Set-CASMailbox",
    ],
  },
  "Mail Recipient Creation": {
    description: "Create and remove mailboxes, mail users and mail contacts.",
    tasks: ["New-Mailbox", "Remove-Mailbox", "New-MailContact", "Get-Mailbox"],
  },
  "Distribution Groups": {
    description: "Create and manage distribution groups and their members.",
    tasks: [
      "New-DistributionGroup",
      "Set-DistributionGroup",
      "Add-DistributionGroupMember",
      "Remove-DistributionGroupMember",
    ],
  },
  Journaling: {
    description: "Configure journal rules.",
    tasks: ["New-JournalRule", "Set-JournalRule", "Remove-JournalRule", "Get-JournalRule", "Disable-JournalRule"],
  },
  "Mailbox Import Export": {
    description: "Import and export mailbox content (PST).",
    tasks: [
      "New-MailboxExportRequest",
      "Get-MailboxExportRequest",
      "Remove-MailboxExportRequest",
      "New-MailboxImportRequest",
    ],
  },
  "Transport Rules": {
    description: "Manage mail flow rules.",
    tasks: [
      "New-TransportRule",
      "Set-TransportRule",
      "Remove-TransportRule",
      "Get-TransportRule",
      "Disable-TransportRule",
    ],
  },
  "Retention Management": {
    description: "Manage retention policies and apply them.",
    tasks: ["New-RetentionPolicy", "Set-RetentionPolicy", "Start-ManagedFolderAssistant"],
  },
  "Legal Hold": {
    description: "Place mailboxes on litigation hold.",
    tasks: ["Set-Mailbox", "Get-Mailbox"],
  },
  "Mailbox Search": {
    description: "Search mailbox content for eDiscovery.",
    tasks: ["New-MailboxSearch"],
  },
  "Audit Logs": {
    description: "Search audit logs and configure audit logging.",
    tasks: ["Search-AdminAuditLog", "Search-MailboxAuditLog", "Set-AdminAuditLogConfig"],
  },
  "Organization Configuration": {
    description: "Change organisation-wide settings.",
    tasks: ["Set-OrganizationConfig"],
  },
  "Remote and Accepted Domains": {
    description: "Manage accepted and remote domains.",
    tasks: ["New-AcceptedDomain", "Remove-AcceptedDomain"],
  },
};

export const exchangeRoleGroups: Record<string, { description: string; roles: string[] }> = {
  "Organization Management": {
    description: "Administer every part of the Exchange organisation.",
    roles: Object.keys(exchangeRoles),
  },
  "Recipient Management": {
    description: "Create and manage recipients and distribution groups.",
    roles: ["Mail Recipients", "Mail Recipient Creation", "Distribution Groups"],
  },
  "Records Management": {
    description: "Configure compliance features: journaling, mail flow rules, retention, audit.",
    roles: ["Journaling", "Transport Rules", "Retention Management", "Audit Logs"],
  },
  "Discovery Management": {
    description: "Search mailboxes and place them on legal hold.",
    roles: ["Mailbox Search", "Legal Hold"],
  },
  "Compliance Management": {
    description: "Review compliance configuration and audit logs.",
    roles: ["Audit Logs", "Retention Management"],
  },
};

/** The kinds of object the Exchange workload holds, each one of the demo workload's tables. */
export const exchangeObjectKinds = [
  "mailbox",
  /** Any mail-enabled recipient: a mailbox or a distribution group. */
  "recipient",
  "distribution-group",
  "journal-rule",
  "transport-rule",
  "mailbox-export-request",
] as const;
export type ExchangeObjectKind = (typeof exchangeObjectKinds)[number];

/**
 * Which parameter of which cmdlet names which kind of object, as Exchange's own parameter types
 * say (`-Identity <JournalRuleIdParameter>`, `-User <SecurityPrincipalIdParameter>`…). Tasks the
 * runspace cannot run yet are listed too: the metadata belongs to the cmdlet, not to a handler.
 */
export const exchangeObjectParameters: Record<string, Record<string, ExchangeObjectKind>> = {
  "Get-Mailbox": { Identity: "mailbox" },
  "Set-Mailbox": { Identity: "mailbox" },
  "Remove-Mailbox": { Identity: "mailbox" },
  "Add-MailboxPermission": { Identity: "mailbox", User: "recipient" },
  "Remove-MailboxPermission": { Identity: "mailbox", User: "recipient" },
  "Get-MailboxPermission": { Identity: "mailbox", User: "recipient" },
  "Add-RecipientPermission": { Identity: "recipient", Trustee: "recipient" },
  "Set-CASMailbox": { Identity: "mailbox" },
  "New-DistributionGroup": { ManagedBy: "recipient", Members: "recipient" },
  "Set-DistributionGroup": { Identity: "distribution-group" },
  "Add-DistributionGroupMember": { Identity: "distribution-group", Member: "recipient" },
  "Remove-DistributionGroupMember": { Identity: "distribution-group", Member: "recipient" },
  "New-JournalRule": { Recipient: "recipient" },
  "Set-JournalRule": { Identity: "journal-rule" },
  "Remove-JournalRule": { Identity: "journal-rule" },
  "Get-JournalRule": { Identity: "journal-rule" },
  "Disable-JournalRule": { Identity: "journal-rule" },
  "New-MailboxExportRequest": { Mailbox: "mailbox" },
  "Get-MailboxExportRequest": { Mailbox: "mailbox" },
  "Remove-MailboxExportRequest": { Identity: "mailbox-export-request" },
  "New-MailboxImportRequest": { Mailbox: "mailbox" },
  "New-TransportRule": {
    From: "recipient",
    SentTo: "recipient",
    BlindCopyTo: "recipient",
    RedirectMessageTo: "recipient",
    ModerateMessageByUser: "recipient",
  },
  "Set-TransportRule": { Identity: "transport-rule" },
  "Remove-TransportRule": { Identity: "transport-rule" },
  "Get-TransportRule": { Identity: "transport-rule" },
  "Disable-TransportRule": { Identity: "transport-rule" },
  "Start-ManagedFolderAssistant": { Identity: "mailbox" },
  "Search-MailboxAuditLog": { Identity: "mailbox" },
};

/**
 * Raise `version` whenever a task, role, role group or membership is added here: organisations on an
 * older version get the additions at the next start. Never rename or remove an entry: policies,
 * requests and standing assignments of existing organisations name them. `objectParameters` is
 * read from here by task name and never installed, so changing it needs no new version.
 */
export const exchangeCatalog: BuiltinCatalog = {
  scope: EXCHANGE_SCOPE.name,
  description: EXCHANGE_SCOPE.description,
  version: 1,
  tasks: exchangeTasks,
  roles: exchangeRoles,
  roleGroups: exchangeRoleGroups,
  objectParameters: exchangeObjectParameters,
};
