"use client";

import { registerScopeAction } from "@/app/(app)/settings/scopes/actions";
import { useActionForm } from "@/components/use-action";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";

/** Registers an external scope: a name and what it is. Its catalog is imported next. */
export function RegisterScopeForm() {
  const { formProps, pending, errors } = useActionForm(registerScopeAction, { onSuccess: () => formProps.ref.current?.reset() });
  return (
    <form {...formProps} noValidate aria-label="Register a scope" className="grid gap-4 sm:grid-cols-[1fr_2fr_auto] sm:items-start">
      <TextField
        name="name"
        id="scope-name"
        label="Scope name"
        autoComplete="off"
        maxLength={64}
        hint="Letters, digits, spaces, . - _ (e.g. Bastion)."
        errors={errors?.name}
        required
      />
      <TextField name="description" id="scope-description" label="Description" maxLength={500} errors={errors?.description} />
      <Button type="submit" disabled={pending} className="sm:mt-6">
        {pending ? "Registering…" : "Register scope"}
      </Button>
    </form>
  );
}
