"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { RequestView } from "@/lib/requests/request-view";
import { LocalTime, RelativeTime } from "@/components/time/local-time";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { RevokeDialog } from "./revoke-dialog";

const typeLabel = { task: "Task", role: "Role", roleGroup: "Role group" } as const;
// Windows end and new ones open while the page is open: read the list again now and then.
const REFRESH_MS = 30_000;

function approvers(request: RequestView) {
  const by = request.approvals.filter((a) => a.decision === "approve").map((a) => a.by);
  return by.length ? by.join(", ") : "Approved automatically";
}

function Target({ request }: { request: RequestView }) {
  return (
    <>
      <span className="font-medium text-slate-900">{request.target}</span>
      <span className="block text-xs text-slate-600">
        {typeLabel[request.type]} · {request.scope}
      </span>
    </>
  );
}

function Window({ request }: { request: RequestView }) {
  return (
    <>
      <LocalTime iso={request.endsAt!} />
      {request.active && (
        <span className="block text-xs font-medium text-green-800">
          <RelativeTime iso={request.endsAt!} verb={{ future: "ends", past: "ended" }} />
        </span>
      )}
    </>
  );
}

function Started({ request }: { request: RequestView }) {
  return (
    <>
      {request.startsAt ? <LocalTime iso={request.startsAt} /> : "—"}
      {!request.active && (
        <span className="mt-0.5 block">
          <Badge tone="amber">Scheduled</Badge>
          {request.startsAt && (
            <span className="block text-xs text-slate-600">
              <RelativeTime iso={request.startsAt} verb={{ future: "starts", past: "started" }} />
            </span>
          )}
        </span>
      )}
    </>
  );
}

/**
 * Every open window, each revocable: a table where its columns fit beside each other (from 1280 px,
 * every cell wrapping so the Revoke buttons stay on screen), cards on narrower screens.
 */
export function ActiveAccessList({ requests }: { requests: RequestView[] }) {
  const router = useRouter();
  const [revoking, setRevoking] = useState<RequestView | null>(null);
  useEffect(() => {
    const timer = setInterval(() => router.refresh(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [router]);

  const revokeButton = (request: RequestView) => (
    <Button variant="danger" className="px-3 py-1.5" onClick={() => setRevoking(request)} aria-label={`Revoke ${request.requester}'s access to ${request.target}`}>
      Revoke
    </Button>
  );

  return (
    <>
      <p className="mb-3 text-sm text-slate-700" aria-live="polite">
        {requests.length} open {requests.length === 1 ? "window" : "windows"}.
      </p>

      <ScrollRegion label="Open windows table" className="hidden rounded-lg bg-white shadow-sm ring-1 ring-slate-200 xl:block">
        <table className="w-full divide-y divide-slate-200 text-left text-sm">
          <caption className="sr-only">Open access windows</caption>
          <thead className="bg-slate-50 text-slate-700">
            <tr>
              {["Requester", "Access to", "Started", "Ends", "Reason", "Ticket", "Approved by"].map((column) => (
                <th key={column} scope="col" className="whitespace-nowrap px-4 py-2.5 font-medium">
                  {column}
                </th>
              ))}
              <th scope="col" className="px-4 py-2.5">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 align-top">
            {requests.map((request) => (
              <tr key={request.id}>
                <th scope="row" className="px-4 py-3 font-normal text-slate-900 wrap-anywhere">
                  {request.requester}
                </th>
                <td className="px-4 py-3 wrap-anywhere">
                  <Target request={request} />
                </td>
                <td className="px-4 py-3 text-slate-800">
                  <Started request={request} />
                </td>
                <td className="px-4 py-3 text-slate-800">
                  <Window request={request} />
                </td>
                <td className="max-w-xs px-4 py-3 text-slate-800 wrap-anywhere">{request.reason || <span className="text-slate-600">—</span>}</td>
                <td className="px-4 py-3 text-slate-800 wrap-anywhere">{request.ticket ?? <span className="text-slate-600">—</span>}</td>
                <td className="px-4 py-3 text-slate-800 wrap-anywhere">{approvers(request)}</td>
                <td className="px-4 py-3 text-right">{revokeButton(request)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>

      <ul className="space-y-3 xl:hidden" aria-label="Open access windows">
        {requests.map((request) => (
          <li key={request.id} className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
            <div className="flex items-start justify-between gap-3">
              <div className="min-w-0">
                <p className="truncate text-sm font-medium text-slate-900">{request.requester}</p>
                <p className="text-sm wrap-anywhere">
                  <Target request={request} />
                </p>
              </div>
              {revokeButton(request)}
            </div>
            <dl className="mt-3 grid grid-cols-[6.5rem_minmax(0,1fr)] gap-x-3 gap-y-1.5 text-sm">
              <dt className="text-slate-600">Started</dt>
              <dd className="text-slate-800">
                <Started request={request} />
              </dd>
              <dt className="text-slate-600">Ends</dt>
              <dd className="text-slate-800">
                <Window request={request} />
              </dd>
              <dt className="text-slate-600">Reason</dt>
              <dd className="text-slate-800 wrap-anywhere">{request.reason || "—"}</dd>
              <dt className="text-slate-600">Ticket</dt>
              <dd className="text-slate-800 wrap-anywhere">{request.ticket ?? "—"}</dd>
              <dt className="text-slate-600">Approved by</dt>
              <dd className="text-slate-800 wrap-anywhere">{approvers(request)}</dd>
            </dl>
          </li>
        ))}
      </ul>

      <RevokeDialog request={revoking} onClose={() => setRevoking(null)} />
    </>
  );
}
