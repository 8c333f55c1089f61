"use client";

import { useTransition } from "react";
import { removeScopeAction } from "@/app/(app)/settings/scopes/actions";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { toast } from "@/components/ui/toasts";

/** Removing a scope asks first; Elevate refuses while a policy or an open request uses it, and says which. */
export function RemoveScopeButton({ scope }: { scope: string }) {
  const [pending, startTransition] = useTransition();
  return (
    <ConfirmButton
      title={`Remove ${scope}?`}
      body={<p>Its tasks, roles and role groups go with it. The audit log keeps its history.</p>}
      confirmLabel="Remove scope"
      disabled={pending}
      onConfirm={() =>
        startTransition(async () => {
          const result = await removeScopeAction({ name: scope });
          if (result.ok) toast.success(`${scope} removed`);
          else toast.error(result.message, { duration: 10_000 });
        })
      }
    >
      {pending ? "Removing…" : "Remove"}
      <span className="sr-only"> {scope}</span>
    </ConfirmButton>
  );
}
