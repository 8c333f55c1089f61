"use client";

import { useEffect, useRef } from "react";
import { revokeAccessAction } from "@/app/(app)/access/actions";
import { focusWhenReady } from "@/components/focus-when-ready";
import { EndingWindows } from "@/components/requests/ending-windows";
import { Button } from "@/components/ui/button";
import { TextAreaField } from "@/components/ui/field";
import { toast } from "@/components/ui/toasts";
import { useActionForm } from "@/components/use-action";
import type { RequestView } from "@/lib/requests/request-view";
import { COMMENT_MAX_LENGTH } from "@/lib/requests/text-limits";

const typeLabel = { task: "task", role: "role", roleGroup: "role group" } as const;

/** The id of Active access's line counting the open windows (app/(app)/access/page.tsx's empty state has it too). */
export const OPEN_WINDOWS_SUMMARY = "open-windows-summary";

/** What a Revoke button ends: the window it is on, and what continues it (which the domain ends too). */
export interface Revoking {
  window: RequestView;
  later: RequestView[];
}

/**
 * Revoking asks first, in a native modal dialog (focus kept inside, Escape closes), names exactly
 * the windows it ends, and needs a comment: the requester can see why, and the audit log keeps it.
 */
export function RevokeDialog({ revoking, onClose }: { revoking: Revoking | null; onClose: () => void }) {
  const request = revoking?.window ?? null;
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (request && element && !element.open) element.showModal();
    if (!request && element?.open) element.close();
  }, [request]);
  return (
    <dialog
      ref={dialog}
      onClose={onClose}
      aria-labelledby="revoke-title"
      className="m-auto w-[calc(100%-2rem)] max-w-lg rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40"
    >
      {/* A fresh form per request: no error of the previous one carries over. */}
      {revoking && <RevokeForm key={revoking.window.id} revoking={revoking} close={() => dialog.current?.close()} />}
    </dialog>
  );
}

function RevokeForm({ revoking, close }: { revoking: Revoking; close: () => void }) {
  const request = revoking.window;
  // A scheduled extension revoked on its own: the window it extends stays open.
  const extensionAlone = Boolean(request.extendsWindow?.active);
  const { formProps, pending, errors, formError } = useActionForm(revokeAccessAction, {
    onSuccess: (revoked) => {
      toast.success(
        extensionAlone
          ? `Revoked the extension of ${revoked.requester}'s access to ${revoked.target}`
          : `Revoked ${revoked.requester}'s access to ${revoked.target}`,
      );
      close();
      // The dialog gives focus back to the Revoke button, which the refreshed list no longer has:
      // once it is gone, the keyboard goes to the count of open windows, which says it took (or to
      // the page's message that none is left, under the same id).
      focusWhenReady(() =>
        document.querySelector(`[data-revokes="${request.id}"]`) ? null : document.getElementById(OPEN_WINDOWS_SUMMARY),
      );
    },
  });
  return (
    <form {...formProps} noValidate className="space-y-4 p-6">
      <h2 id="revoke-title" className="text-lg font-semibold text-slate-900">
        {extensionAlone ? "Revoke the extension" : "Revoke access"}
      </h2>
      {extensionAlone ? (
        <p className="text-sm text-slate-700">
          {request.requester} keeps the {typeLabel[request.type]} <span className="font-medium">{request.target}</span> until the window
          open now ends; it is not extended.
        </p>
      ) : (
        <p className="text-sm text-slate-700">
          {request.requester} loses the {typeLabel[request.type]} <span className="font-medium">{request.target}</span> now: their
          next run is blocked.
        </p>
      )}
      <EndingWindows window={request} later={revoking.later} />
      <input type="hidden" name="requestId" value={request.id} />
      <TextAreaField
        name="comment"
        label="Comment (required)"
        hint="Why the access ends early. The requester sees it, and the audit log keeps it."
        errors={errors?.comment}
        aria-required
        limit={COMMENT_MAX_LENGTH}
      />
      {formError && !errors && (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">
          {formError}
        </p>
      )}
      <div className="flex flex-wrap justify-end gap-2">
        <Button variant="secondary" onClick={close} disabled={pending}>
          Cancel
        </Button>
        <Button type="submit" variant="danger" disabled={pending}>
          {pending ? "Revoking…" : "Revoke access"}
        </Button>
      </div>
    </form>
  );
}
