"use client";

import Link from "next/link";
import { useState } from "react";
import { LocalTime } from "@/components/time/local-time";
import { Badge } from "@/components/ui/badge";
import type { toAuditView } from "@/lib/audit/search-audit";

export type AuditEventView = ReturnType<typeof toAuditView>;

const COLUMNS = 5;

/** Red for refusals and removals, green for grants and successful runs, grey for the rest. */
function toneOf(action: string) {
  if (/\.(denied|revoked|blocked|failed|refused|disabled|deleted|removed)$/.test(action)) return "red" as const;
  if (/\.(approved|executed|enabled)$/.test(action)) return "green" as const;
  return "neutral" as const;
}

/** One event: a summary row and, under it, a details row the "Details" button opens. */
export function AuditEventRow({ event }: { event: AuditEventView }) {
  const [open, setOpen] = useState(false);
  const panelId = `audit-event-${event.id}`;
  return (
    <>
      <tr data-testid="audit-event" className="border-t border-slate-200 align-top">
        <td className="px-3 py-2.5 text-xs text-slate-700">
          <LocalTime iso={event.at} seconds />
        </td>
        <td className="px-3 py-2.5 text-slate-800">
          <span className="wrap-anywhere">{event.actor ?? "unknown"}</span>
          {event.actorType === "token" && (
            <span className="ml-2">
              <Badge tone="brand">API token</Badge>
            </span>
          )}
        </td>
        <td className="px-3 py-2.5">
          <Badge tone={toneOf(event.action)}>{event.action}</Badge>
        </td>
        <td className="px-3 py-2.5 text-slate-700">
          {event.targetType ? (
            <>
              <span className="text-slate-600">{event.targetType}</span>{" "}
              {event.targetId && (
                <span className="font-mono text-xs" title={event.targetId}>
                  {event.targetId.length > 12 ? `${event.targetId.slice(0, 8)}…` : event.targetId}
                </span>
              )}
            </>
          ) : (
            <span className="text-slate-600">—</span>
          )}
        </td>
        <td className="px-3 py-1.5 text-right">
          <button
            type="button"
            aria-expanded={open}
            aria-controls={panelId}
            onClick={() => setOpen((value) => !value)}
            className="rounded-md px-2.5 py-1.5 text-sm font-medium text-brand-700 hover:bg-brand-50"
          >
            {open ? "Hide" : "Details"}
            <span className="sr-only">
              {" "}
              of {event.action} at <LocalTime iso={event.at} seconds />
            </span>
          </button>
        </td>
      </tr>
      <tr id={panelId} hidden={!open} className="bg-slate-50">
        <td colSpan={COLUMNS} className="px-3 py-4">
          {open && <AuditEventDetails event={event} />}
        </td>
      </tr>
    </>
  );
}

function AuditEventDetails({ event }: { event: AuditEventView }) {
  const facts: [string, string | null][] = [
    ["Event ID", event.id],
    ["Sequence", String(event.seq)],
    ["Actor type", event.actorType],
    ["Target", event.targetType ? `${event.targetType} ${event.targetId ?? ""}` : null],
    ["IP address", event.ip],
    ["User agent", event.userAgent],
    ["Hash", event.hash],
    ["Previous hash", event.prevHash],
  ];
  return (
    <div className="space-y-4">
      <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[10rem_minmax(0,1fr)]">
        {facts.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="font-medium text-slate-700">{label}</dt>
            <dd className="font-mono text-xs text-slate-800 wrap-anywhere sm:pt-0.5">{value ?? <span className="text-slate-600">not recorded</span>}</dd>
          </div>
        ))}
      </dl>
      <div>
        <h3 className="text-sm font-medium text-slate-700">Details</h3>
        <pre role="region" aria-label="Details as JSON" tabIndex={0} className="mt-1 max-h-80 overflow-auto rounded-md bg-white p-3 text-xs whitespace-pre-wrap text-slate-800 ring-1 ring-slate-200 wrap-anywhere">
          {JSON.stringify(event.details, null, 2)}
        </pre>
      </div>
      <div className="flex flex-wrap gap-4 text-sm">
        {event.targetId && (
          <Link href={`/audit?targetId=${encodeURIComponent(event.targetId)}`} className="font-medium text-brand-700 hover:underline">
            Every event on this target
          </Link>
        )}
        {event.actor && (
          <Link href={`/audit?actor=${encodeURIComponent(event.actor)}`} className="font-medium text-brand-700 hover:underline">
            Every event by {event.actor}
          </Link>
        )}
      </div>
    </div>
  );
}
