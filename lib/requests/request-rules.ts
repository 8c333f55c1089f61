/** The checks a new request (or an extension) must pass against its policy. */
import type { Policy } from "@/db/schema";
import { invalidField } from "@/lib/errors";
import { matchesAdminPattern } from "@/lib/policies/admin-pattern";
import { hoursOf, minutesOf } from "@/lib/validation";

export function checkDuration(policy: Policy, durationHours: number | undefined) {
  const minutes = durationHours === undefined ? policy.defaultDurationMinutes : minutesOf(durationHours);
  if (minutes > policy.maxDurationMinutes) {
    throw invalidField(
      "invalid:duration",
      "durationHours",
      `The policy allows at most ${hoursOf(policy.maxDurationMinutes)} hours.`,
    );
  }
  return minutes;
}

export function checkReasonAndTicket(policy: Policy, reason: string, ticket: string | null | undefined) {
  if (policy.reasonRequired && !reason) {
    throw invalidField("invalid:reason", "reason", "The policy requires a reason.");
  }
  if (reason && policy.reasonPattern && !matchesAdminPattern(policy.reasonPattern, reason, "reason")) {
    throw invalidField("invalid:reason", "reason", `The reason must match ${policy.reasonPattern}.`);
  }
  if (policy.ticketRequired && !ticket) {
    throw invalidField("invalid:ticket", "ticket", "The policy requires a ticket number.");
  }
  if (ticket && policy.ticketPattern && !matchesAdminPattern(policy.ticketPattern, ticket, "ticket")) {
    throw invalidField("invalid:ticket", "ticket", `The ticket must match ${policy.ticketPattern}, e.g. CHG-1234.`);
  }
}

const MAX_SCHEDULE_AHEAD_DAYS = 30;

/** A scheduled start is in the future (a minute of clock skew allowed) and within 30 days. */
export function checkScheduledStart(startsAt: string | null | undefined, now: Date) {
  if (!startsAt) return null;
  const start = new Date(startsAt);
  if (start.getTime() < now.getTime() - 60_000) {
    throw invalidField("invalid:starts-at", "startsAt", "A scheduled start must be in the future.");
  }
  if (start.getTime() > now.getTime() + MAX_SCHEDULE_AHEAD_DAYS * 24 * 60 * 60 * 1000) {
    throw invalidField("invalid:starts-at", "startsAt", `A scheduled start must be within ${MAX_SCHEDULE_AHEAD_DAYS} days.`);
  }
  return start;
}
