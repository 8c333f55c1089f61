"use client";

import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toasts";

/**
 * Sign out: the session ends on the server (`action`); the toasts on screen go at once, so the
 * next person at this browser never reads what the last one was told.
 */
export function SignOutForm({ action }: { action: () => Promise<void> }) {
  return (
    <form action={action} onSubmit={() => toast.dismiss()} className="shrink-0">
      <Button type="submit" variant="secondary">
        Sign out
      </Button>
    </form>
  );
}
