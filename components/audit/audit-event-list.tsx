"use client";

import { useState } from "react";
import { loadMoreAuditEventsAction } from "@/app/(app)/audit/actions";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { toast } from "@/components/ui/toasts";
import { type AuditEventView, AuditEventRow } from "./audit-event-row";
import type { AuditFilters } from "./audit-query";

interface Page {
  items: AuditEventView[];
  nextCursor: string | null;
}

/**
 * The events of the current view, newest first. "Load more" appends the next keyset page, so
 * events written meanwhile never shift or repeat what is already on screen.
 */
export function AuditEventList({ initial, filters, limit }: { initial: Page; filters: AuditFilters; limit: number }) {
  const [items, setItems] = useState(initial.items);
  const [cursor, setCursor] = useState(initial.nextCursor);
  const [loading, setLoading] = useState(false);

  async function loadMore() {
    if (!cursor) return;
    setLoading(true);
    const result = await loadMoreAuditEventsAction({ ...filters, limit, cursor });
    setLoading(false);
    if (!result.ok) {
      toast.error(result.message);
      return;
    }
    setItems((current) => [...current, ...result.data.items]);
    setCursor(result.data.nextCursor);
  }

  if (items.length === 0) {
    return (
      <EmptyState title="No events match these filters">
        Clear a filter or widen the time range.
      </EmptyState>
    );
  }

  return (
    <div className="space-y-3">
      <ScrollRegion label="Audit events" className="rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
        <table className="w-full min-w-[40rem] text-left text-sm">
          <caption className="sr-only">Audit events, newest first</caption>
          <thead className="bg-slate-50 text-xs font-semibold uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2.5">
                Time
              </th>
              <th scope="col" className="px-3 py-2.5">
                Actor
              </th>
              <th scope="col" className="px-3 py-2.5">
                Action
              </th>
              <th scope="col" className="px-3 py-2.5">
                Target
              </th>
              <th scope="col" className="px-3 py-2.5">
                <span className="sr-only">Details</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((event) => (
              <AuditEventRow key={event.id} event={event} />
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p role="status" className="text-sm text-slate-600">
          Showing {items.length} event{items.length === 1 ? "" : "s"}
          {cursor ? "." : ": every event that matches."}
        </p>
        {cursor && (
          <Button variant="secondary" onClick={loadMore} disabled={loading} aria-busy={loading}>
            {loading ? "Loading…" : "Load more"}
          </Button>
        )}
      </div>
    </div>
  );
}
