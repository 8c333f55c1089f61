import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { CancelRequestButton, ExtendRequestButton } from "@/components/requests/my-request-actions";
import { StatusBadge } from "@/components/status-badge";
import { LocalTime, RelativeTime } from "@/components/time/local-time";
import { EmptyState } from "@/components/ui/empty-state";
import { db } from "@/db/client";
import { requireActor } from "@/lib/auth/current-actor";
import { listRequests } from "@/lib/requests/list-requests";

export const metadata: Metadata = { title: "My requests" };

const typeLabel = { task: "Task", role: "Role", roleGroup: "Role group" } as const;

export default async function MyRequestsPage() {
  const actor = await requireActor();
  const { items } = await listRequests(await db(), { actor, input: { mine: true, limit: 100 } });
  return (
    <>
      <PageHeader
        title="My requests"
        description="Your just-in-time access: what is waiting, what is open and what ended."
        actions={
          <Link href="/requests/new" className="rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-brand-700">
            Request access
          </Link>
        }
      />
      {items.length === 0 ? (
        <EmptyState title="You have not asked for access yet">
          <Link href="/requests/new" className="font-medium text-brand-700 hover:underline">
            Request access
          </Link>{" "}
          when a task needs it.
        </EmptyState>
      ) : (
        <ul className="space-y-3" aria-label="My requests">
          {items.map((request) => (
            <li key={request.id} className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
              <div className="flex flex-wrap items-start justify-between gap-3">
                <div className="min-w-0 flex-1">
                  <p className="font-medium text-slate-900 wrap-anywhere">
                    {request.target} <span className="text-sm font-normal text-slate-600">· {typeLabel[request.type]}</span>
                  </p>
                  <p className="mt-0.5 text-sm text-slate-600 wrap-anywhere">
                    {request.durationHours} h · asked <LocalTime iso={request.createdAt} />
                    {request.ticket ? ` · ${request.ticket}` : ""}
                  </p>
                  {request.reason && <p className="mt-1 text-sm text-slate-700 wrap-anywhere">“{request.reason}”</p>}
                </div>
                <div className="flex items-center gap-2">
                  <StatusBadge status={request.status} active={request.status === "approved" ? request.active : undefined} />
                </div>
              </div>
              <div className="mt-3 flex flex-wrap items-center justify-between gap-3 text-sm text-slate-700">
                <span className="min-w-0 wrap-anywhere">
                  {request.status === "pending" && (
                    <>
                      {request.approvals.filter((a) => a.decision === "approve").length} of {request.requiredApprovals} approvals ·{" "}
                      <RelativeTime iso={request.pendingUntil} verb={{ future: "expires", past: "expired" }} absolute />
                    </>
                  )}
                  {request.status === "approved" && request.active && request.endsAt && (
                    <RelativeTime iso={request.endsAt} verb={{ future: "ends", past: "ended" }} absolute />
                  )}
                  {request.status === "approved" && !request.active && request.startsAt && new Date(request.startsAt) > new Date() && (
                    <RelativeTime iso={request.startsAt} verb={{ future: "starts", past: "started" }} absolute />
                  )}
                  {request.status === "denied" && `Denied: ${request.approvals.find((a) => a.decision === "deny")?.comment ?? ""}`}
                  {request.status === "revoked" && `Revoked by ${request.revokedBy}: ${request.revocationComment ?? ""}`}
                </span>
                <span className="flex gap-2">
                  {request.status === "pending" && <CancelRequestButton requestId={request.id} target={request.target} />}
                  {request.status === "approved" && request.active && <ExtendRequestButton requestId={request.id} target={request.target} />}
                </span>
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
