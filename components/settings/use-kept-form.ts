"use client";

import type { ActionResult } from "@/app/_lib/action";
import { useActionForm } from "@/components/use-action";

type ServerAction<T> = (...args: [unknown] | [unknown, FormData]) => Promise<ActionResult<T>>;

/** The settings forms' name for `useActionForm`: they keep what was typed and focus the first bad field. */
export function useKeptForm<T>(serverAction: ServerAction<T>, options: { onSuccess?: (data: T) => void } = {}) {
  const form = useActionForm(serverAction, options);
  return { ...form, ref: form.formProps.ref, onSubmit: form.formProps.onSubmit };
}
