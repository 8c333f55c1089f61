"use client";

import { useActionState } from "react";
import { type EmailSignInState, signInWithEmail } from "@/app/signin/actions";
import { Button } from "./ui/button";

/** `email` prefills the field: the invitation email links to `/signin?email=…`. */
export function EmailSignInForm({ callbackUrl, email }: { callbackUrl: string; email?: string }) {
  const [state, action, pending] = useActionState<EmailSignInState, FormData>(signInWithEmail, {});
  const error = state.errors?.email?.[0];
  return (
    <form action={action} noValidate className="space-y-3">
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <div>
        <label htmlFor="email" className="block text-sm font-medium text-slate-800">
          Work email
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          defaultValue={email}
          required
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "email-error" : undefined}
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm"
        />
        <p id="email-error" aria-live="polite" className="mt-1 min-h-5 text-sm text-red-700">
          {error}
        </p>
      </div>
      {state.message && (
        <p role="alert" className="text-sm text-red-700">
          {state.message}
        </p>
      )}
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Sending…" : "Email me a sign-in link"}
      </Button>
    </form>
  );
}
