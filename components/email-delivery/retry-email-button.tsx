"use client";

import { useTransition } from "react";
import { retryEmailAction } from "@/app/(app)/settings/email/actions";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toasts";

/** Sends a failed email again. Not destructive (the same idempotency key guards against doubles), so no confirmation. */
export function RetryEmailButton({ id, to }: { id: string; to: string }) {
  const [pending, startTransition] = useTransition();
  return (
    <Button
      variant="secondary"
      disabled={pending}
      onClick={() =>
        startTransition(async () => {
          const result = await retryEmailAction({ id });
          if (result.ok) toast.success(result.message ?? "Email queued to send again");
          else toast.error(result.message);
        })
      }
    >
      {pending ? "Queuing…" : "Retry"}
      <span className="sr-only"> the email to {to}</span>
    </Button>
  );
}
