"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { EndTime } from "@/components/requests/window-text";
import { LocalTime, RelativeTime } from "@/components/time/local-time";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ScrollRegion } from "@/components/ui/scroll-region";
import type { Grant } from "@/lib/requests/group-grants";
import type { RequestView } from "@/lib/requests/request-view";
import { OPEN_WINDOWS_SUMMARY, type Revoking, RevokeDialog } from "./revoke-dialog";

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

/** What a grant's Revoke ends: its window and everything after it (scheduled or waiting). */
const revokingOf = (grant: Grant): Revoking => ({ window: grant.window, later: grant.extensions });

/**
 * A grant's extensions, inside its entry: a scheduled one ("extended until 15:00 UTC, starts when
 * this window ends", revocable on its own) or one still waiting for a decision.
 */
function Extensions({ grant, onRevoke }: { grant: Grant; onRevoke: (revoking: Revoking) => void }) {
  if (grant.extensions.length === 0) return null;
  return (
    <ul className="mt-2 space-y-1.5 border-l-2 border-brand-100 pl-2" aria-label={`Extensions of ${grant.window.requester}'s ${grant.window.target}`}>
      {grant.extensions.map((extension, index) => {
        const before = index === 0 ? grant.window : grant.extensions[index - 1]!;
        return (
          <li key={extension.id} className="text-xs text-slate-700">
            {extension.status === "pending" ? (
              <>
                <Badge tone="amber">Extension waiting</Badge>{" "}
                <span className="block">+{extension.durationHours} h, waiting for approval</span>
              </>
            ) : (
              <>
                <Badge tone={extension.active ? "green" : "brand"}>{extension.active ? "Extension" : "Scheduled extension"}</Badge>{" "}
                <span className="block">
                  Extended until <EndTime iso={extension.endsAt!} after={before.endsAt} />
                  {!extension.active && ", starts when this window ends"}
                </span>
                {!extension.active && (
                  <button
                    type="button"
                    className="mt-0.5 font-medium text-red-700 underline hover:text-red-900"
                    onClick={() => onRevoke({ window: extension, later: grant.extensions.slice(index + 1) })}
                    data-revokes={extension.id}
                    aria-label={`Revoke only the extension of ${extension.requester}'s ${extension.target}`}
                  >
                    Revoke this extension
                  </button>
                )}
              </>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/**
 * Every open window, one entry per grant with its extensions inside it (so a scheduled extension is
 * never listed apart from, or before, the window it follows), each revocable: a table where its
 * columns fit beside each other (from 1280 px, every cell wrapping so the Revoke buttons stay on
 * screen), cards on narrower screens.
 */
export function ActiveAccessList({ grants }: { grants: Grant[] }) {
  const router = useRouter();
  const [revoking, setRevoking] = useState<Revoking | null>(null);
  useEffect(() => {
    const timer = setInterval(() => router.refresh(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [router]);

  const revokeButton = (grant: Grant) => (
    <Button
      variant="danger"
      className="px-3 py-1.5"
      onClick={() => setRevoking(revokingOf(grant))}
      data-revokes={grant.window.id}
      aria-label={`Revoke ${grant.window.requester}'s access to ${grant.window.target}`}
    >
      Revoke
    </Button>
  );

  return (
    <>
      {/* Where the keyboard lands after a revocation (RevokeDialog): the count, which says it took. */}
      <p id={OPEN_WINDOWS_SUMMARY} tabIndex={-1} className="mb-3 text-sm text-slate-700" aria-live="polite">
        {grants.length} open {grants.length === 1 ? "window" : "windows"}
        {grants.some((g) => g.extensions.length) ? ", extensions shown inside the window they extend" : ""}.
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
            {grants.map((grant) => (
              <tr key={grant.window.id}>
                <th scope="row" className="px-4 py-3 font-normal text-slate-900 wrap-anywhere">
                  {grant.window.requester}
                </th>
                <td className="px-4 py-3 wrap-anywhere">
                  <Target request={grant.window} />
                </td>
                <td className="px-4 py-3 text-slate-800">
                  <Started request={grant.window} />
                </td>
                <td className="px-4 py-3 text-slate-800">
                  <Window request={grant.window} />
                  <Extensions grant={grant} onRevoke={setRevoking} />
                </td>
                <td className="max-w-xs px-4 py-3 text-slate-800 wrap-anywhere">{grant.window.reason || <span className="text-slate-600">—</span>}</td>
                <td className="px-4 py-3 text-slate-800 wrap-anywhere">{grant.window.ticket ?? <span className="text-slate-600">—</span>}</td>
                <td className="px-4 py-3 text-slate-800 wrap-anywhere">{approvers(grant.window)}</td>
                <td className="px-4 py-3 text-right">{revokeButton(grant)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>

      <ul className="space-y-3 xl:hidden" aria-label="Open access windows">
        {grants.map((grant) => (
          <li key={grant.window.id} className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
            <div className="flex items-start justify-between gap-3">
              <div className="min-w-0">
                <p className="truncate text-sm font-medium text-slate-900">{grant.window.requester}</p>
                <p className="text-sm wrap-anywhere">
                  <Target request={grant.window} />
                </p>
              </div>
              {revokeButton(grant)}
            </div>
            <dl className="mt-3 grid grid-cols-[6.5rem_minmax(0,1fr)] gap-x-3 gap-y-1.5 text-sm">
              <dt className="text-slate-600">Started</dt>
              <dd className="text-slate-800">
                <Started request={grant.window} />
              </dd>
              <dt className="text-slate-600">Ends</dt>
              <dd className="text-slate-800">
                <Window request={grant.window} />
                <Extensions grant={grant} onRevoke={setRevoking} />
              </dd>
              <dt className="text-slate-600">Reason</dt>
              <dd className="text-slate-800 wrap-anywhere">{grant.window.reason || "—"}</dd>
              <dt className="text-slate-600">Ticket</dt>
              <dd className="text-slate-800 wrap-anywhere">{grant.window.ticket ?? "—"}</dd>
              <dt className="text-slate-600">Approved by</dt>
              <dd className="text-slate-800 wrap-anywhere">{approvers(grant.window)}</dd>
            </dl>
          </li>
        ))}
      </ul>

      <RevokeDialog revoking={revoking} onClose={() => setRevoking(null)} />
    </>
  );
}
