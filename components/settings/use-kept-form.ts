"use client";

import { type FormEvent, useEffect, useRef, useTransition } from "react";
import type { ActionResult } from "@/app/_lib/action";
import { useActionForm } from "@/components/use-action";

type ServerAction<T> = (...args: [unknown] | [unknown, FormData]) => Promise<ActionResult<T>>;

/**
 * `useActionForm`, submitted by hand: React resets a form bound with `action={…}` after every
 * submission, wiping what was typed when the server refuses it. Keep `action` on the form too, so
 * it still posts before JavaScript loads. After a refusal the keyboard goes to the first bad field.
 */
export function useKeptForm<T>(serverAction: ServerAction<T>, options: { onSuccess?: (data: T) => void } = {}) {
  const form = useActionForm(serverAction, options);
  const [, startTransition] = useTransition();
  const ref = useRef<HTMLFormElement>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => form.formAction(data));
  }

  useEffect(() => {
    if (form.errors) ref.current?.querySelector<HTMLElement>("[aria-invalid=true], fieldset[aria-describedby] input")?.focus();
  }, [form.errors]);

  return { ...form, ref, onSubmit };
}
