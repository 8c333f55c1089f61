"use client";

import { useTimeContext } from "@/components/time/local-time";
import { type TimeContext, formatDate, formatDateTime, formatTimeOfDay } from "@/lib/time/format-time";

const RANGE: Intl.DateTimeFormatOptions = {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "numeric",
  minute: "2-digit",
  timeZoneName: "short",
};

/** "1 Dec 2026, 09:00 – 13:00 UTC": the day written once when the window is within one day. */
export function formatWindow(startsAt: string, endsAt: string, context: TimeContext) {
  return new Intl.DateTimeFormat(context.locale, { ...RANGE, timeZone: context.timeZone }).formatRange(new Date(startsAt), new Date(endsAt));
}

/** "15:00 UTC" when it falls on the same day as `after`, "2 Dec 2026, 01:00 UTC" otherwise. */
export function formatEnd(iso: string, after: string | null, context: TimeContext) {
  return after && formatDate(after, context) === formatDate(iso, context) ? formatTimeOfDay(iso, context) : formatDateTime(iso, context);
}

/** A window as a range, in the reader's locale and zone (UTC on the server, as every time is). */
export function WindowRange({ startsAt, endsAt }: { startsAt: string; endsAt: string }) {
  const context = useTimeContext();
  return (
    <span className="whitespace-nowrap" data-starts-at={startsAt} data-ends-at={endsAt}>
      {formatWindow(startsAt, endsAt, context)}
    </span>
  );
}

/** An end time, shortened to the time of day when it is the same day as the window it follows. */
export function EndTime({ iso, after }: { iso: string; after: string | null }) {
  const context = useTimeContext();
  return (
    <time dateTime={iso} className="whitespace-nowrap">
      {formatEnd(iso, after, context)}
    </time>
  );
}
