"use client";

import { useRef } from "react";
import { releaseRequestAction } from "@/app/(app)/requests/actions";
import { focusWhenReady } from "@/components/focus-when-ready";
import { Button } from "@/components/ui/button";
import { TextAreaField } from "@/components/ui/field";
import { useActionForm } from "@/components/use-action";
import type { RequestView } from "@/lib/requests/request-view";
import { COMMENT_MAX_LENGTH } from "@/lib/requests/text-limits";
import { EndingWindows } from "./ending-windows";

/**
 * Release now: the requester ends their own open window (and what continues it) before its time.
 * It asks first, in a native modal dialog that names the windows it ends; the note is optional
 * and goes to the approvers, who are told.
 */
export function ReleaseButton({ window, later }: { window: RequestView; later: RequestView[] }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const { formProps, pending, errors, formError } = useActionForm(releaseRequestAction, {
    onSuccess: () => {
      const element = dialog.current;
      const card = element?.closest<HTMLElement>("li[id^='request-']");
      element?.close();
      // This button and its dialog go with the re-render: the keyboard goes to the card, now "Released early".
      focusWhenReady(() => (element?.isConnected ? null : card));
    },
  });
  const titleId = `release-title-${window.id}`;
  return (
    <>
      <Button variant="secondary" aria-label={`Release your access to ${window.target} now`} onClick={() => dialog.current?.showModal()}>
        Release now
      </Button>
      <dialog ref={dialog} aria-labelledby={titleId} className="m-auto w-[calc(100%-2rem)] max-w-lg rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40">
        <form {...formProps} noValidate className="space-y-4 p-6">
          <h2 id={titleId} className="text-lg font-semibold text-slate-900">
            Release your access to {window.target} now?
          </h2>
          <EndingWindows window={window} later={later} />
          <p className="text-sm text-slate-700">Your next run of it is refused. The approvers are told you are done.</p>
          <input type="hidden" name="requestId" value={window.id} />
          <TextAreaField
            id={`release-comment-${window.id}`}
            name="comment"
            label="Note for the approvers (optional)"
            errors={errors?.comment}
            limit={COMMENT_MAX_LENGTH}
          />
          {formError && !errors && (
            <p role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">
              {formError}
            </p>
          )}
          <div className="flex flex-wrap justify-end gap-2">
            <Button variant="secondary" onClick={() => dialog.current?.close()} disabled={pending}>
              Keep my access
            </Button>
            <Button type="submit" variant="danger" disabled={pending}>
              {pending ? "Releasing…" : "Release now"}
            </Button>
          </div>
        </form>
      </dialog>
    </>
  );
}
