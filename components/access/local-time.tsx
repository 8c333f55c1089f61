"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * A time in the reader's own time zone. The server does not know that zone, so it renders UTC
 * (marked as such) and the browser swaps in local time right after hydration, without a mismatch.
 */
export function LocalTime({ iso, dateStyle, timeStyle = "short" }: { iso: string; dateStyle?: "medium" | "short"; timeStyle?: "short" }) {
  const inBrowser = useSyncExternalStore(subscribe, () => true, () => false);
  const date = new Date(iso);
  const options: Intl.DateTimeFormatOptions = { dateStyle, timeStyle };
  const text = inBrowser
    ? date.toLocaleString(undefined, options)
    : `${date.toLocaleString("en-GB", { ...options, timeZone: "UTC" })} UTC`;
  return (
    <time dateTime={iso} title={inBrowser ? date.toLocaleString() : date.toISOString()}>
      {text}
    </time>
  );
}
