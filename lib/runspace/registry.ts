/**
 * Every task the runspace can run, keyed by `${scope}/${name}`. A catalog task without a handler
 * here can be granted but not run; `runTask` reports that instead of pretending.
 */
import * as distributionGroups from "./exchange/distribution-groups";
import * as journalRules from "./exchange/journal-rules";
import * as mailboxExportRequests from "./exchange/mailbox-export-requests";
import * as mailboxPermissions from "./exchange/mailbox-permissions";
import * as mailboxes from "./exchange/mailboxes";
import * as transportRules from "./exchange/transport-rules";
import type { TaskHandler } from "./task-handler";

const handlers: TaskHandler[] = [
  mailboxes.getMailbox,
  mailboxes.setMailbox,
  mailboxes.newMailbox,
  mailboxPermissions.addMailboxPermission,
  mailboxPermissions.removeMailboxPermission,
  mailboxPermissions.getMailboxPermission,
  journalRules.newJournalRule,
  journalRules.getJournalRule,
  journalRules.removeJournalRule,
  journalRules.disableJournalRule,
  transportRules.newTransportRule,
  transportRules.getTransportRule,
  transportRules.disableTransportRule,
  mailboxExportRequests.newMailboxExportRequest,
  mailboxExportRequests.getMailboxExportRequest,
  distributionGroups.newDistributionGroup,
  distributionGroups.addDistributionGroupMember,
];

const keyOf = (scope: string, name: string) => `${scope}/${name}`;

export const taskRegistry: ReadonlyMap<string, TaskHandler> = new Map(
  handlers.map((handler) => [keyOf(handler.scope, handler.name), handler]),
);

// Two handlers under one key would make one of them silently unreachable.
if (taskRegistry.size !== handlers.length) throw new Error("Two task handlers share a scope and name.");

export function findTaskHandler(scope: string, name: string): TaskHandler | undefined {
  return taskRegistry.get(keyOf(scope, name));
}

export function listTaskHandlers(): TaskHandler[] {
  return [...taskRegistry.values()];
}
