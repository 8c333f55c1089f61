/**
 * The events Elevate emails about, and the kinds of message each sends. An organisation switches
 * each event on or off in `organisations.notificationSettings` (`{ "request-expired": false }`);
 * a missing key means on, so a new event is on everywhere without a migration.
 */
export const notificationEvents = [
  "request-pending",
  "request-decided",
  "request-auto-approved",
  "request-revoked",
  "request-released",
  "request-cancelled",
  "request-expired",
  "access-ending-soon",
  "member-invited",
] as const;
export type NotificationEvent = (typeof notificationEvents)[number];

export const notificationEventLabels: Record<NotificationEvent, string> = {
  "request-pending": "A request waits for approval (to its approvers)",
  "request-decided": "A request is approved or denied (to the requester and the other approvers)",
  "request-auto-approved": "A request is approved automatically (to the requester)",
  "request-revoked": "Access is revoked (to its holder)",
  "request-released": "Someone releases their access early (to the approvers)",
  "request-cancelled": "A requester cancels a request that was waiting (to its approvers)",
  "request-expired": "A request expires without a decision (to the requester and its approvers)",
  "access-ending-soon": "Access is about to end (to its holder)",
  "member-invited": "An administrator adds a member (to them, with a sign-in link)",
};

/** One kind per message shape; several kinds may belong to one event (a decision mails two). */
export const emailKindEvent = {
  "request-pending": "request-pending",
  "request-approved": "request-decided",
  "request-denied": "request-decided",
  "request-decided-other": "request-decided",
  "request-auto-approved": "request-auto-approved",
  "request-revoked": "request-revoked",
  "request-released": "request-released",
  "request-cancelled": "request-cancelled",
  "request-expired": "request-expired",
  "request-expired-other": "request-expired",
  "access-ending-soon": "access-ending-soon",
  "member-invited": "member-invited",
} as const satisfies Record<string, NotificationEvent>;
export type EmailKind = keyof typeof emailKindEvent;

export type NotificationSettings = Partial<Record<NotificationEvent, boolean>>;

export function notificationEnabled(settings: Record<string, boolean> | null | undefined, event: NotificationEvent) {
  return settings?.[event] !== false;
}
