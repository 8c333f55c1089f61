"use client";

import { useTransition } from "react";
import { deleteApproverGroupAction } from "@/app/(app)/settings/actions";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { toast } from "@/components/ui/toasts";

/**
 * Deleting a group asks first. Elevate refuses while a policy, an eligibility list, the default
 * setting or a waiting request uses the group, and the refusal (shown as it comes) names each.
 */
export function ApproverGroupDeleteButton({ group }: { group: { id: string; name: string } }) {
  const [pending, startTransition] = useTransition();
  return (
    <ConfirmButton
      title={`Delete ${group.name}?`}
      body={
        <div className="space-y-2">
          <p>Its members stop approving for it. The audit log keeps who was in it.</p>
          <p>A group that a policy, the default setting or a waiting request still uses cannot be deleted: move those first.</p>
        </div>
      }
      confirmLabel="Delete group"
      disabled={pending}
      onConfirm={() =>
        startTransition(async () => {
          const result = await deleteApproverGroupAction({ id: group.id });
          if (result.ok) toast.success(`${group.name} deleted`);
          else toast.error(result.message, { duration: 10_000 });
        })
      }
    >
      {pending ? "Deleting…" : "Delete"}
      <span className="sr-only"> {group.name}</span>
    </ConfirmButton>
  );
}
