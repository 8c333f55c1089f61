"use client";

import { type ReactNode, useId, useRef } from "react";
import { Button, type ButtonProps } from "./button";

/**
 * A destructive action asks first, in a native modal dialog (focus-trapped and Escape-closable by
 * the browser). `onConfirm` runs only after "Confirm".
 */
export function ConfirmButton({
  children,
  title,
  body,
  confirmLabel = "Confirm",
  onConfirm,
  variant = "danger",
  ...button
}: ButtonProps & { title: string; body: ReactNode; confirmLabel?: string; onConfirm: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  return (
    <>
      <Button variant={variant} {...button} onClick={() => dialog.current?.showModal()}>
        {children}
      </Button>
      <dialog ref={dialog} aria-labelledby={titleId} className="m-auto w-full max-w-md rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40">
        <form method="dialog" className="space-y-4 p-6">
          <h2 id={titleId} className="text-lg font-semibold text-slate-900">
            {title}
          </h2>
          <div className="text-sm text-slate-700">{body}</div>
          <div className="flex justify-end gap-2">
            <Button type="submit" variant="secondary" value="cancel">
              Cancel
            </Button>
            <Button
              type="submit"
              variant={variant}
              value="confirm"
              onClick={() => {
                onConfirm();
              }}
            >
              {confirmLabel}
            </Button>
          </div>
        </form>
      </dialog>
    </>
  );
}
