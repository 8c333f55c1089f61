"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useTimeContext } from "@/components/time/local-time";
import { formatDay } from "@/lib/time/format-time";

interface Day {
  day: string;
  approved: number;
  denied: number;
  other: number;
}

/** Requests per day over 30 days (UTC days), stacked by outcome. A caption says the same for screen readers. */
export function RequestsChart({ days }: { days: Day[] }) {
  const { locale } = useTimeContext();
  const day = (d: string) => formatDay(d, { locale });
  return (
    <figure>
      <div className="h-56" aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={days} margin={{ top: 8, right: 8, bottom: 0, left: -20 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="day" tickFormatter={day} fontSize={11} interval="preserveStartEnd" />
            <YAxis allowDecimals={false} fontSize={11} />
            <Tooltip labelFormatter={(d) => day(String(d))} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Bar dataKey="approved" name="Approved" stackId="r" fill="#15803d" />
            <Bar dataKey="denied" name="Denied" stackId="r" fill="#b91c1c" />
            <Bar dataKey="other" name="Pending, expired or cancelled" stackId="r" fill="#94a3b8" />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="sr-only">
        Requests per day: {days.map((d) => `${day(d.day)}: ${d.approved} approved, ${d.denied} denied, ${d.other} other`).join("; ")}
      </figcaption>
    </figure>
  );
}
