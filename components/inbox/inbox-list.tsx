"use client";

import { useQuery } from "@tanstack/react-query";
import { inboxAction } from "@/app/(app)/inbox/actions";
import { focusWhenReady } from "@/components/focus-when-ready";
import { ExtensionNote } from "@/components/requests/extension-note";
import { StatusBadge } from "@/components/status-badge";
import { RelativeTime } from "@/components/time/local-time";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import type { InboxItem } from "@/lib/approvals/list-inbox";
import { DecisionForm } from "./decision-form";

const typeLabel = { task: "task", role: "role", roleGroup: "role group" } as const;
const REFRESH_MS = 15_000;

const cardId = (requestId: string) => `request-${requestId}`;
const firstControl = (card: HTMLElement) => card.querySelector<HTMLElement>("textarea, input:not([type=hidden]), select, button, a[href]");

/**
 * After a decision the keyboard goes to the next card's first control (the previous card's when it
 * was the last), or to the message that nothing waits: once the list no longer offers the decided
 * request (it left the list, or it waits for another approver and shows no form).
 */
function focusAfterDecision(requestId: string) {
  const order = [...document.querySelectorAll<HTMLElement>("[data-inbox-card]")].map((card) => card.id);
  const at = order.indexOf(cardId(requestId));
  const nearest = [...order.slice(at + 1), ...order.slice(0, Math.max(at, 0)).reverse()];
  focusWhenReady(() => {
    const decided = document.getElementById(cardId(requestId));
    if (decided?.querySelector("form")) return null;
    for (const id of nearest) {
      const card = document.getElementById(id);
      if (card) return firstControl(card) ?? card;
    }
    // Cards that came in meanwhile; else what is left of the decided one ("waits for another approver").
    const other = document.querySelector<HTMLElement>("[data-inbox-card]:not([id='" + cardId(requestId) + "'])");
    return (other && (firstControl(other) ?? other)) ?? decided ?? document.getElementById("inbox-empty");
  });
}

/** Pending requests of my groups, refreshed by itself while the page is open. */
export function InboxList({ initial }: { initial: InboxItem[] }) {
  const { data: items = initial } = useQuery({
    queryKey: ["inbox"],
    queryFn: async () => {
      const result = await inboxAction({});
      if (!result.ok) throw new Error(result.message);
      return result.data;
    },
    initialData: initial,
    refetchInterval: REFRESH_MS,
  });
  if (items.length === 0) {
    return (
      // Focusable by script: the keyboard lands here after the last decision.
      <div id="inbox-empty" tabIndex={-1}>
        <EmptyState title="Nothing waits for your decision">New requests for your approver groups appear here, and you are emailed.</EmptyState>
      </div>
    );
  }
  return (
    <ul className="space-y-4" aria-label="Pending requests">
      {items.map((request) => (
        <li key={request.id} id={cardId(request.id)} data-inbox-card className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
          <div className="grid grid-cols-1 gap-4 lg:grid-cols-[minmax(0,1fr)_18rem] xl:grid-cols-[minmax(0,1fr)_20rem]">
            <div className="min-w-0 space-y-1.5 text-sm">
              <p className="text-base font-medium text-slate-900 wrap-anywhere">
                {request.requesterName ? `${request.requesterName} (${request.requester})` : request.requester} asks for the{" "}
                {typeLabel[request.type]} {request.target}
                {request.requesterGuest && (
                  <>
                    {" "}
                    <Badge tone="amber">Guest</Badge>
                  </>
                )}
              </p>
              <ExtensionNote request={request} whose="their" />
              <p className="text-slate-700 wrap-anywhere">
                {request.durationHours} h{request.ticket ? ` · ticket ${request.ticket}` : ""} · asked <RelativeTime iso={request.createdAt} /> ·{" "}
                <RelativeTime iso={request.pendingUntil} verb={{ future: "expires", past: "expired" }} absolute />
              </p>
              {request.reason && <p className="text-slate-800 wrap-anywhere">“{request.reason}”</p>}
              {request.roles.length > 0 && <p className="text-slate-600 wrap-break-word">Its roles: {request.roles.join(", ")}</p>}
              <p className="text-slate-600 wrap-break-word">
                Lets them run: {request.tasks.slice(0, 8).join(", ")}
                {request.tasks.length > 8 ? ` and ${request.tasks.length - 8} more` : ""}
              </p>
              {request.recentRequests.length > 0 && (
                <div className="text-slate-600">
                  <p>Their recent requests for {request.target}:</p>
                  <ul className="ml-4 list-disc" aria-label={`Recent requests for ${request.target}`}>
                    {request.recentRequests.map((recent) => (
                      <li key={recent.id}>
                        <StatusBadge status={recent.status} /> <RelativeTime iso={recent.createdAt} />
                      </li>
                    ))}
                  </ul>
                </div>
              )}
              <p className="flex flex-wrap items-center gap-2">
                <Badge tone="amber">
                  {request.approvals.filter((a) => a.decision === "approve").length} of {request.requiredApprovals} approvals
                </Badge>
                {request.approvals.map((a) => (
                  <span key={a.by} className="text-xs text-slate-600 wrap-anywhere">
                    {a.by} approved
                  </span>
                ))}
              </p>
            </div>
            {request.approvedByMe ? (
              <p className="text-sm text-slate-700">You approved this; it waits for another approver.</p>
            ) : (
              <DecisionForm
                requestId={request.id}
                target={request.target}
                requester={request.requester}
                onDecided={() => focusAfterDecision(request.id)}
              />
            )}
          </div>
        </li>
      ))}
    </ul>
  );
}
