"use client";

import type { RequestView } from "@/lib/requests/request-view";
import { EndTime, WindowRange } from "./window-text";

/**
 * Exactly which windows an action ends, for the dialog that asks first: "Ends the window
 * 1 Dec 2026, 09:00 – 13:00 UTC and its extension to 15:00 UTC, and cancels its extension waiting
 * for approval (2 h)." `window` is the one acted on; `later` what continues it (the domain ends
 * those with it). An extension acted on alone says the window it extends stays.
 */
export function EndingWindows({ window, later }: { window: RequestView; later: RequestView[] }) {
  const scheduled = later.filter((r) => r.status === "approved" && r.endsAt);
  const pending = later.filter((r) => r.status === "pending");
  const lastEnd = scheduled.at(-1)?.endsAt;
  const isExtension = Boolean(window.extendsWindow?.status === "approved" && window.extendsWindow.active);
  return (
    <p className="text-sm text-slate-800" data-testid="ending-windows">
      Ends {isExtension ? "the scheduled extension" : "the window"}{" "}
      <span className="font-medium">
        <WindowRange startsAt={window.startsAt!} endsAt={window.endsAt!} />
      </span>
      {lastEnd && (
        <>
          {" "}
          and {scheduled.length === 1 ? "its extension" : `its ${scheduled.length} extensions`} to{" "}
          <span className="font-medium">
            <EndTime iso={lastEnd} after={window.endsAt} />
          </span>
        </>
      )}
      {pending.length > 0 && (
        <>
          , and cancels {pending.length === 1 ? "its extension" : `its ${pending.length} extensions`} waiting for approval (
          {pending.map((r) => `${r.durationHours} h`).join(", ")})
        </>
      )}
      .{isExtension && " The window it extends stays open."}
    </p>
  );
}
