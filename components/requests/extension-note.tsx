"use client";

import { Badge } from "@/components/ui/badge";
import type { RequestView } from "@/lib/requests/request-view";
import { EndTime, WindowRange } from "./window-text";

const HOUR_MS = 3_600_000;

/** Where an extension asked for now would end, if approved before the window it follows ends. */
function proposedEnd(request: RequestView) {
  const window = request.extendsWindow!;
  return new Date(new Date(window.endsAt!).getTime() + request.durationHours * HOUR_MS).toISOString();
}

/**
 * What an extension lengthens, for the approver deciding it and the requester reading their card:
 * "Extends the window 1 Dec 2026, 09:00 – 13:00 UTC by 2 h, to 15:00 UTC". Null for a request that
 * extends nothing.
 */
export function ExtensionNote({ request, whose = "the" }: { request: RequestView; whose?: "the" | "their" | "your" }) {
  const window = request.extendsWindow;
  if (!window?.startsAt || !window.endsAt) return null;
  return (
    <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-slate-700" data-testid="extension-note">
      <Badge tone="brand">Extension</Badge>
      <span>
        Extends {whose} window <WindowRange startsAt={window.startsAt} endsAt={window.endsAt} />
        {request.status === "pending" ? (
          window.active ? (
            <>
              {" "}
              by {request.durationHours} h, to <EndTime iso={proposedEnd(request)} after={window.endsAt} />
            </>
          ) : (
            <>, which has ended: approved now, it opens at once for {request.durationHours} h</>
          )
        ) : request.startsAt && request.endsAt ? (
          <>
            {" "}
            by {request.durationHours} h, to <EndTime iso={request.endsAt} after={window.endsAt} />
          </>
        ) : null}
      </span>
    </p>
  );
}
