"use client";

import { useEffect, useRef, useState } from "react";
import { createTokenAction } from "@/app/(app)/settings/tokens/actions";
import { LocalTime } from "@/components/time/local-time";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { toast } from "@/components/ui/toasts";
import { useKeptForm } from "./use-kept-form";

interface CreatedToken {
  token: string;
  name: string;
  prefix: string;
  expiresAt: string;
}

/**
 * Creates a personal API token. The token is shown here once, in a read-only field to copy: only a
 * hash is stored, so once this panel is closed (or the page left) nobody can show it again.
 */
export function CreateTokenForm() {
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const { formAction, ref, onSubmit, pending, errors } = useKeptForm(createTokenAction, { onSuccess: setCreated });
  return (
    <Card title="Create a token">
      {created ? (
        <NewToken created={created} onDone={() => setCreated(null)} />
      ) : (
        <form ref={ref} action={formAction} onSubmit={onSubmit} className="flex flex-wrap items-start gap-4" noValidate>
          <TextField
            name="name"
            label="Token name"
            placeholder="e.g. Nightly report"
            autoComplete="off"
            maxLength={100}
            hint="What uses it, so you know what breaks when you revoke it."
            className="min-w-56 flex-1"
            errors={errors?.name}
          />
          <TextField
            name="expiresInDays"
            label="Expires in (days)"
            type="number"
            inputMode="numeric"
            min={1}
            max={365}
            defaultValue={90}
            hint="1 to 365."
            className="w-40"
            errors={errors?.expiresInDays}
          />
          <Button type="submit" disabled={pending} className="sm:mt-6">
            {pending ? "Creating…" : "Create token"}
          </Button>
        </form>
      )}
    </Card>
  );
}

function NewToken({ created, onDone }: { created: CreatedToken; onDone: () => void }) {
  const field = useRef<HTMLInputElement>(null);
  // Selected and focused at once, so copying is one keystroke and screen readers land on it.
  useEffect(() => {
    field.current?.focus();
    field.current?.select();
  }, []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(created.token);
      toast.success("Token copied");
    } catch {
      field.current?.select();
      toast.error("Copying was blocked: the token is selected, copy it with your keyboard.");
    }
  }

  return (
    <div className="space-y-3">
      <div role="alert" className="rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-amber-200">
        <p className="font-medium">Copy this token now: it will not be shown again.</p>
        <p className="mt-1">
          Store it in a secret manager. Anyone holding it acts as you, with your roles, until{" "}
          <LocalTime iso={created.expiresAt} />. If it leaks or gets lost, revoke it and create another.
        </p>
      </div>
      <label htmlFor="new-token" className="block text-sm font-medium text-slate-800 wrap-anywhere">
        New token “{created.name}”
      </label>
      <div className="flex flex-wrap gap-2">
        <input
          ref={field}
          id="new-token"
          readOnly
          value={created.token}
          spellCheck={false}
          autoComplete="off"
          onFocus={(event) => event.currentTarget.select()}
          className="block min-w-0 flex-1 rounded-md border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-sm"
        />
        <Button variant="secondary" onClick={copy}>
          Copy
        </Button>
        <Button onClick={onDone}>Done</Button>
      </div>
    </div>
  );
}
