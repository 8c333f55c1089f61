/**
 * How each kind of Exchange object is named to a person, and which cmdlet lists it. Plain data, so
 * the runspace form and its messages can use it in the browser as well as on the server.
 */
import type { ExchangeObjectKind } from "@/lib/catalog/builtin/exchange";

export interface ObjectKindDescription {
  kind: ExchangeObjectKind;
  label: string;
  plural: string;
  /** The cmdlet that lists these objects, when the runspace has one. */
  listedBy?: string;
}

const descriptions: Record<ExchangeObjectKind, Omit<ObjectKindDescription, "kind">> = {
  mailbox: { label: "mailbox", plural: "mailboxes", listedBy: "Get-Mailbox" },
  recipient: { label: "recipient", plural: "recipients" },
  "distribution-group": { label: "distribution group", plural: "distribution groups" },
  "journal-rule": { label: "journal rule", plural: "journal rules", listedBy: "Get-JournalRule" },
  "transport-rule": { label: "mail flow rule", plural: "mail flow rules", listedBy: "Get-TransportRule" },
  "mailbox-export-request": { label: "mailbox export request", plural: "mailbox export requests", listedBy: "Get-MailboxExportRequest" },
};

export function describeObjectKind(kind: ExchangeObjectKind): ObjectKindDescription {
  return { kind, ...descriptions[kind] };
}

export function isObjectKind(kind: string): kind is ExchangeObjectKind {
  return Object.hasOwn(descriptions, kind);
}
