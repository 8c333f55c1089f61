"use client";

import { useId, useRef } from "react";
import { cancelRequestAction, extendRequestAction } from "@/app/(app)/requests/actions";
import { focusWhenReady } from "@/components/focus-when-ready";
import { Button } from "@/components/ui/button";
import { TextAreaField, TextField } from "@/components/ui/field";
import { toast } from "@/components/ui/toasts";
import { useActionForm } from "@/components/use-action";
import { REASON_MAX_LENGTH } from "@/lib/requests/text-limits";

export function CancelRequestButton({ requestId, target }: { requestId: string; target: string }) {
  return (
    <Button
      variant="secondary"
      aria-label={`Cancel the request for ${target}`}
      onClick={async (event) => {
        const button = event.currentTarget;
        const card = button.closest<HTMLElement>("li[id^='request-']");
        const result = await cancelRequestAction({ requestId });
        if (!result.ok) return void toast.error(result.message);
        toast.success(result.message ?? "Request cancelled");
        // The button goes with the re-render: the keyboard goes to the request, now "Cancelled".
        focusWhenReady(() => (button.isConnected ? null : (document.getElementById(`request-${requestId}`) ?? card)));
      }}
    >
      Cancel
    </Button>
  );
}

/** Extend an active window: a dialog asking how much longer and why. */
export function ExtendRequestButton({ requestId, target, maxHours }: { requestId: string; target: string; maxHours?: number }) {
  const dialog = useRef<HTMLDialogElement>(null);
  // Ids of their own: every extendable card has this dialog, and a grant may be shown twice on a page.
  const id = useId();
  const { formProps, pending, errors } = useActionForm(extendRequestAction, {
    onSuccess: (extension) => {
      dialog.current?.close();
      // The keyboard goes to the extension, in its grant's card, once the card shows it.
      focusWhenReady(() => document.getElementById(`request-${extension.id}`));
    },
  });
  return (
    <>
      <Button variant="secondary" aria-label={`Extend access to ${target}`} onClick={() => dialog.current?.showModal()}>
        Extend
      </Button>
      <dialog ref={dialog} aria-labelledby={`${id}-title`} className="m-auto w-full max-w-md rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40">
        <form {...formProps} className="space-y-4 p-6" noValidate>
          <h2 id={`${id}-title`} className="text-lg font-semibold">
            Extend access to {target}
          </h2>
          <input type="hidden" name="requestId" value={requestId} />
          <TextField
            id={`${id}-hours`}
            name="durationHours"
            label="More hours"
            type="number"
            step="0.25"
            min="0.25"
            max={maxHours}
            errors={errors?.durationHours}
          />
          <TextAreaField id={`${id}-reason`} name="reason" label="Reason" limit={REASON_MAX_LENGTH} errors={errors?.reason} />
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => dialog.current?.close()}>
              Close
            </Button>
            <Button type="submit" disabled={pending}>
              Ask to extend
            </Button>
          </div>
        </form>
      </dialog>
    </>
  );
}
