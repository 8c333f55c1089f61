"use client";

import { useTimeContext } from "@/components/time/local-time";
import { formatEnd, formatWindow } from "@/lib/time/format-time";

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
