"use client";

import { useEffect, useState } from "react";

function format(ms: number) {
  if (ms <= 0) return "ended";
  const minutes = Math.floor(ms / 60_000);
  const hours = Math.floor(minutes / 60);
  if (hours >= 24) return `${Math.floor(hours / 24)} d ${hours % 24} h`;
  if (hours >= 1) return `${hours} h ${minutes % 60} min`;
  if (minutes >= 1) return `${minutes} min`;
  return `${Math.ceil(ms / 1000)} s`;
}

/** A live countdown to an ISO time. Rendered on the server first, then ticking. */
export function TimeLeft({ until, label }: { until: string; label?: string }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const left = new Date(until).getTime() - now;
  return (
    <time dateTime={until} title={new Date(until).toLocaleString()} suppressHydrationWarning>
      {label ? `${label} ` : ""}
      {format(left)}
    </time>
  );
}
