"use client";

import { type FormEvent, useActionState, useEffect, useRef, useState, useTransition } from "react";
import type { ActionResult } from "@/app/_lib/action";
import { toast } from "@/components/ui/toasts";

type ServerAction<T> = (...args: [unknown] | [unknown, FormData]) => Promise<ActionResult<T>>;

/**
 * A form bound to a server action: field errors come back for the form to show next to each
 * field; the outcome is announced as a toast (success, or a refusal that concerns no one field).
 *
 * With JavaScript the form submits through a transition: React does not reset it (a refused form
 * keeps what was typed), and the toast and `onSuccess` run straight from the answer, even when the
 * answer's re-render removes the form. Without JavaScript the form still posts to the server
 * action (that is what `action` is for).
 */
export function useActionForm<T>(serverAction: ServerAction<T>, { onSuccess }: { onSuccess?: (data: T) => void } = {}) {
  const [noScriptResult, formAction, actionPending] = useActionState<ActionResult<T> | null, FormData>(
    serverAction as (previous: ActionResult<T> | null, formData: FormData) => Promise<ActionResult<T>>,
    null,
  );
  const [result, setResult] = useState<ActionResult<T> | null>(null);
  const [transitionPending, startTransition] = useTransition();

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formData = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
    startTransition(async () => {
      const answer = await serverAction(formData);
      setResult(answer);
      if (answer.ok) {
        if (answer.message) toast.success(answer.message);
        onSuccess?.(answer.data);
      } else if (!answer.errors) {
        toast.error(answer.message);
      }
    });
  };

  const current = result ?? noScriptResult;
  const errors = current && !current.ok ? current.errors : undefined;
  // After a refusal, the keyboard goes to the first field the server named.
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (errors) ref.current?.querySelector<HTMLElement>("[aria-invalid=true], fieldset[aria-describedby] input")?.focus();
  }, [errors]);
  return {
    result: current,
    formAction,
    formProps: { action: formAction, onSubmit, ref },
    pending: actionPending || transitionPending,
    errors,
    formError: current && !current.ok ? current.message : undefined,
  };
}
