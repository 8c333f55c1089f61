"use client";

import { type FormEvent, startTransition, useActionState, useEffect, useRef } from "react";
import { toast } from "sonner";
import type { ActionResult } from "@/app/_lib/action";

type ServerAction<T> = (...args: [unknown] | [unknown, FormData]) => Promise<ActionResult<T>>;

/**
 * A form bound to a server action: field errors come back for the form to show next to each
 * field; the outcome is announced as a toast (success, or a refusal that concerns no one field).
 */
export function useActionForm<T>(serverAction: ServerAction<T>, { onSuccess }: { onSuccess?: (data: T) => void } = {}) {
  // The server action itself (not a wrapper) goes to useActionState, so the form posts to it even
  // before hydration.
  const [result, formAction, pending] = useActionState<ActionResult<T> | null, FormData>(
    serverAction as (previous: ActionResult<T> | null, formData: FormData) => Promise<ActionResult<T>>,
    null,
  );
  const handled = useRef<ActionResult<T> | null>(null);
  useEffect(() => {
    if (!result || handled.current === result) return;
    handled.current = result;
    if (result.ok) {
      if (result.message) toast.success(result.message);
      onSuccess?.(result.data);
    } else if (!result.errors) {
      toast.error(result.message);
    }
  }, [result, onSuccess]);
  const errors = result && !result.ok ? result.errors : undefined;
  // React resets a form after its action runs, wiping what the person typed even when the server
  // refused it. With JavaScript, submit through a transition instead (no reset); without it, the
  // form still posts to the server action.
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formData = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
    startTransition(() => formAction(formData));
  };
  return {
    result,
    formAction,
    formProps: { action: formAction, onSubmit },
    pending,
    errors,
    formError: result && !result.ok ? result.message : undefined,
  };
}
