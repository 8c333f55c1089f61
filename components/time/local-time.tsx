"use client";

import { useSyncExternalStore } from "react";
import {
  SERVER_TIME,
  type TimeContext,
  formatDate,
  formatDateTime,
  formatRelative,
  formatTimeOfDay,
  zoneId,
  zoneName,
} from "@/lib/time/format-time";

/**
 * Times on screen, through lib/time/format-time.ts. The server does not know the reader's zone,
 * so it writes UTC (named as such) and the browser swaps in its own locale and zone right after
 * hydration: the first client render matches the server's HTML, so nothing mismatches.
 */

const never = () => () => {};
/** The browser's locale and zone once hydrated; the server's UTC before. */
export function useTimeContext(): TimeContext {
  const inBrowser = useSyncExternalStore(never, () => true, () => false);
  return inBrowser ? {} : SERVER_TIME;
}

/** The reader's zone, for labels of date fields: "GMT" and "Europe/London" (or UTC on the server). */
export function useZone() {
  const context = useTimeContext();
  return { name: zoneName(context), id: zoneId(context) };
}

// One clock for every relative time on the page, ticking once a second while any is shown.
let now = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;
function subscribeClock(listener: () => void) {
  listeners.add(listener);
  now = Date.now();
  timer ??= setInterval(() => {
    now = Date.now();
    for (const notify of listeners) notify();
  }, 1000);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}
/** Now, ticking; null on the server and while hydrating (a relative time is written after). */
function useNow(): number | null {
  return useSyncExternalStore(subscribeClock, () => now, () => null);
}

type Style = "date-time" | "date" | "time";

/** An absolute time, "1 Dec 2026, 07:21 UTC", in a <time> element carrying the exact instant. */
export function LocalTime({ iso, style = "date-time", seconds, className }: { iso: string; style?: Style; seconds?: boolean; className?: string }) {
  const context = useTimeContext();
  const text =
    style === "date" ? formatDate(iso, context) : style === "time" ? formatTimeOfDay(iso, context) : formatDateTime(iso, context, { seconds });
  return (
    <time dateTime={iso} className={className}>
      {text}
    </time>
  );
}

/**
 * The distance from now, ticking: "in 3 h 49 min", "12 min ago". `verb` reads it as a sentence
 * ({ future: "ends", past: "ended" } gives "ends in 3 h", "ended 2 min ago"); `absolute` adds the
 * time itself, for windows and expiries: "ends in 3 h 49 min (1 Dec 2026, 11:10 UTC)". Before the
 * clock runs (on the server) it shows the absolute time alone: "ends 1 Dec 2026, 11:10 UTC".
 */
export function RelativeTime({
  iso,
  verb,
  absolute = false,
  className,
}: {
  iso: string;
  verb?: { future: string; past: string };
  absolute?: boolean;
  className?: string;
}) {
  const context = useTimeContext();
  const current = useNow();
  const at = formatDateTime(iso, context);
  const future = current === null || new Date(iso).getTime() > current;
  const lead = verb ? `${future ? verb.future : verb.past} ` : "";
  return (
    <time dateTime={iso} title={at} className={className}>
      {lead}
      {current === null ? at : absolute ? `${formatRelative(iso, current)} (${at})` : formatRelative(iso, current)}
    </time>
  );
}
