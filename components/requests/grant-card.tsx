import { StatusBadge } from "@/components/status-badge";
import { LocalTime, RelativeTime } from "@/components/time/local-time";
import { Badge } from "@/components/ui/badge";
import type { Grant } from "@/lib/requests/group-grants";
import type { RequestView } from "@/lib/requests/request-view";
import { ExtensionNote } from "./extension-note";
import { CancelRequestButton, ExtendRequestButton } from "./my-request-actions";
import { ReleaseButton } from "./release-button";
import { EndTime } from "./window-text";

const typeLabel = { task: "Task", role: "Role", roleGroup: "Role group" } as const;

const approvalsOf = (request: RequestView) => request.approvals.filter((a) => a.decision === "approve").length;

/** Where a request stands, in one line: waiting, open, scheduled, released, or why it ended. */
function Standing({ request, scheduledNote }: { request: RequestView; scheduledNote?: string }) {
  if (request.status === "pending") {
    return (
      <>
        {approvalsOf(request)} of {request.requiredApprovals} approvals ·{" "}
        <RelativeTime iso={request.pendingUntil} verb={{ future: "expires", past: "expired" }} absolute />
      </>
    );
  }
  if (request.status === "approved" && request.releasedAt) {
    return (
      <>
        Released early: ended <LocalTime iso={request.endsAt!} />
      </>
    );
  }
  if (request.status === "approved" && request.active && request.endsAt) {
    return <RelativeTime iso={request.endsAt} verb={{ future: "ends", past: "ended" }} absolute />;
  }
  if (request.scheduled) {
    return (
      <>
        <RelativeTime iso={request.startsAt!} verb={{ future: "starts", past: "started" }} absolute />
        {scheduledNote}
      </>
    );
  }
  if (request.status === "approved" && request.endsAt) {
    return (
      <>
        Ended <LocalTime iso={request.endsAt} />
      </>
    );
  }
  if (request.status === "denied") {
    const denial = request.approvals.find((a) => a.decision === "deny");
    // Who denied it: the requester can then ask that person, not the whole approver group.
    return <>{denial ? `Denied by ${denial.by}: ${denial.comment ?? ""}` : "Denied"}</>;
  }
  if (request.status === "revoked") return <>Revoked by {request.revokedBy}: {request.revocationComment ?? ""}</>;
  return null;
}

/** One extension inside its grant's card: how much longer, to when, and where it stands. */
function ExtensionLine({ extension, previousEnd }: { extension: RequestView; previousEnd: string | null }) {
  return (
    <li id={`request-${extension.id}`} className="flex flex-wrap items-start justify-between gap-2 py-2" aria-label={`Extension of ${extension.durationHours} h`}>
      <div className="min-w-0 flex-1 space-y-0.5 text-sm">
        <p className="flex flex-wrap items-center gap-2 text-slate-800">
          <Badge tone="brand">Extension</Badge>
          <span>
            {extension.scheduled && extension.endsAt ? (
              <>
                Extended until <EndTime iso={extension.endsAt} after={previousEnd} />, starts when this window ends
              </>
            ) : (
              <>+{extension.durationHours} h</>
            )}
          </span>
          <StatusBadge status={extension.status} active={extension.status === "approved" ? extension.active : undefined} />
        </p>
        {extension.reason && <p className="text-slate-700 wrap-anywhere">“{extension.reason}”</p>}
        <p className="text-slate-600 wrap-anywhere">
          <Standing request={extension} />
        </p>
      </div>
      {extension.status === "pending" && <CancelRequestButton requestId={extension.id} target={`${extension.target} (the extension)`} />}
    </li>
  );
}

/**
 * One grant on My requests: the window, and inside it every extension asked for (pending,
 * scheduled, denied...), so an extended window is one card, not two. Its actions act on the grant:
 * Extend adds at its end (the domain follows the chain), Release now ends the window open now and
 * what continues it.
 */
export function GrantCard({ grant }: { grant: Grant }) {
  const { window, extensions, current, later, extendable } = grant;
  return (
    <li className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200" id={`request-${window.id}`}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 flex-1">
          <p className="font-medium text-slate-900 wrap-anywhere">
            {window.target} <span className="text-sm font-normal text-slate-600">· {typeLabel[window.type]}</span>
          </p>
          <p className="mt-0.5 text-sm text-slate-600 wrap-anywhere">
            {window.durationHours} h · asked <LocalTime iso={window.createdAt} />
            {window.ticket ? ` · ${window.ticket}` : ""}
          </p>
          {window.reason && <p className="mt-1 text-sm text-slate-700 wrap-anywhere">“{window.reason}”</p>}
          <div className="mt-1">
            <ExtensionNote request={window} whose="your" />
          </div>
        </div>
        <div className="flex items-center gap-2">
          <StatusBadge status={window.status} active={window.status === "approved" ? window.active : undefined} />
        </div>
      </div>
      <div className="mt-3 flex flex-wrap items-center justify-between gap-3 text-sm text-slate-700">
        <span className="min-w-0 wrap-anywhere">
          <Standing request={window} />
        </span>
        <span className="flex flex-wrap gap-2">
          {window.status === "pending" && <CancelRequestButton requestId={window.id} target={window.target} />}
          {current && extendable && <ExtendRequestButton requestId={current.id} target={window.target} />}
          {current && <ReleaseButton window={current} later={later} />}
        </span>
      </div>
      {extensions.length > 0 && (
        <ul className="mt-3 divide-y divide-slate-100 border-t border-slate-100" aria-label={`Extensions of ${window.target}`}>
          {extensions.map((extension, index) => (
            <ExtensionLine key={extension.id} extension={extension} previousEnd={(index === 0 ? window : extensions[index - 1]!).endsAt} />
          ))}
        </ul>
      )}
    </li>
  );
}
