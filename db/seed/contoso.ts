/** The Contoso demo organisation: its people, groups, policies and a little request history. */
import type { AppRole } from "@/db/schema";

export const CONTOSO = { slug: "contoso", name: "Contoso" };

export interface DemoAccount {
  email: string;
  name: string;
  roles: AppRole[];
  kind?: "member" | "guest";
  excluded?: boolean;
  standingRoleGroups?: string[];
}

export const demoAccounts: DemoAccount[] = [
  {
    email: "admin@contoso.com",
    name: "Megan Bowen",
    roles: ["global_admin"],
    standingRoleGroups: ["Organization Management"],
  },
  { email: "rolemanager@contoso.com", name: "Lee Gu", roles: ["role_management"] },
  { email: "auditor@contoso.com", name: "Isaiah Langer", roles: ["auditor"] },
  { email: "approver1@contoso.com", name: "Alex Wilber", roles: [] },
  { email: "approver2@contoso.com", name: "Diego Siciliani", roles: [] },
  {
    email: "requester@contoso.com",
    name: "Adele Vance",
    roles: [],
    standingRoleGroups: ["Recipient Management"],
  },
  {
    email: "requester2@contoso.com",
    name: "Lynne Robbins",
    roles: [],
    standingRoleGroups: ["Recipient Management"],
  },
  {
    email: "svc-backup@contoso.com",
    name: "Backup Service",
    roles: [],
    excluded: true,
    standingRoleGroups: ["Records Management"],
  },
  { email: "partner@fabrikam.com", name: "Johanna Lorenz (Fabrikam)", roles: [], kind: "guest" },
];

export const demoApproverGroups = [
  {
    name: "PAM Approvers",
    description: "Default approvers for privileged access to Exchange.",
    members: ["approver1@contoso.com", "approver2@contoso.com"],
  },
  {
    name: "Exchange Leads",
    description: "Senior Exchange engineers who approve mail-flow changes.",
    members: ["approver2@contoso.com", "rolemanager@contoso.com"],
  },
];

export interface DemoPolicy {
  key: string;
  targetType: "task" | "role" | "role_group";
  target: string;
  approvalType: "manual" | "auto";
  approverGroup: string;
  requiredApprovals?: number;
  maxHours: number;
  defaultHours: number;
  reasonRequired?: boolean;
  ticketRequired?: boolean;
  ticketPattern?: string;
}

export const demoPolicies: DemoPolicy[] = [
  {
    key: "journal",
    targetType: "task",
    target: "New-JournalRule",
    approvalType: "manual",
    approverGroup: "PAM Approvers",
    maxHours: 8,
    defaultHours: 4,
  },
  {
    key: "export",
    targetType: "task",
    target: "New-MailboxExportRequest",
    approvalType: "manual",
    approverGroup: "PAM Approvers",
    requiredApprovals: 2,
    maxHours: 4,
    defaultHours: 2,
    ticketRequired: true,
    ticketPattern: "^CHG-[0-9]+$",
  },
  {
    key: "permission",
    targetType: "task",
    target: "Add-MailboxPermission",
    approvalType: "auto",
    approverGroup: "PAM Approvers",
    maxHours: 2,
    defaultHours: 1,
  },
  {
    key: "transport",
    targetType: "role",
    target: "Transport Rules",
    approvalType: "manual",
    approverGroup: "Exchange Leads",
    maxHours: 8,
    defaultHours: 2,
  },
  {
    key: "compliance",
    targetType: "role_group",
    target: "Compliance Management",
    approvalType: "manual",
    approverGroup: "PAM Approvers",
    requiredApprovals: 2,
    maxHours: 4,
    defaultHours: 1,
    ticketRequired: true,
    ticketPattern: "^CHG-[0-9]+$",
  },
];

type Decision = { by: string; decision: "approve" | "deny"; comment?: string; afterMinutes: number };

export interface DemoRequest {
  key: string;
  policy: string;
  requester: string;
  /** How long ago the request was made. */
  hoursAgo: number;
  durationHours: number;
  reason: string;
  ticket?: string;
  status: "pending" | "approved" | "denied" | "cancelled" | "expired";
  decisions?: Decision[];
  /** For auto-approved requests: approved by the system at once. */
  auto?: boolean;
}

export const demoRequests: DemoRequest[] = [
  {
    key: "journal-1",
    policy: "journal",
    requester: "requester@contoso.com",
    hoursAgo: 72,
    durationHours: 2,
    reason: "Legal asked to journal the M&A project mailboxes.",
    status: "approved",
    decisions: [{ by: "approver1@contoso.com", decision: "approve", comment: "OK for the M&A project.", afterMinutes: 12 }],
  },
  {
    key: "export-1",
    policy: "export",
    requester: "requester2@contoso.com",
    hoursAgo: 50,
    durationHours: 2,
    reason: "Export departed employee's mailbox for HR case 4471.",
    ticket: "CHG-1042",
    status: "approved",
    decisions: [
      { by: "approver1@contoso.com", decision: "approve", afterMinutes: 20 },
      { by: "approver2@contoso.com", decision: "approve", comment: "HR case verified.", afterMinutes: 41 },
    ],
  },
  {
    key: "permission-1",
    policy: "permission",
    requester: "requester@contoso.com",
    hoursAgo: 26,
    durationHours: 1,
    reason: "Give the new assistant access to the CEO's mailbox.",
    status: "approved",
    auto: true,
  },
  {
    key: "transport-1",
    policy: "transport",
    requester: "requester2@contoso.com",
    hoursAgo: 30,
    durationHours: 4,
    reason: "Add a disclaimer rule for outbound mail.",
    status: "denied",
    decisions: [
      {
        by: "approver2@contoso.com",
        decision: "deny",
        comment: "Mail-flow changes go in Friday's change window, please ask again then.",
        afterMinutes: 35,
      },
    ],
  },
  {
    key: "journal-expired",
    policy: "journal",
    requester: "requester@contoso.com",
    hoursAgo: 40,
    durationHours: 4,
    reason: "Journal the finance mailboxes for the audit.",
    status: "expired",
  },
  {
    key: "journal-cancelled",
    policy: "journal",
    requester: "requester2@contoso.com",
    hoursAgo: 6,
    durationHours: 1,
    reason: "Test journaling to the new archive.",
    status: "cancelled",
  },
  {
    key: "journal-pending",
    policy: "journal",
    requester: "requester2@contoso.com",
    hoursAgo: 0.5,
    durationHours: 4,
    reason: "Journal the legal team's mailboxes for the Fabrikam litigation.",
    status: "pending",
  },
  {
    key: "export-pending",
    policy: "export",
    requester: "requester@contoso.com",
    hoursAgo: 2,
    durationHours: 2,
    reason: "Export the shared finance mailbox before migration.",
    ticket: "CHG-1057",
    status: "pending",
    decisions: [{ by: "approver2@contoso.com", decision: "approve", comment: "Fine by me.", afterMinutes: 25 }],
  },
];
