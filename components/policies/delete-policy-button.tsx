"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { deletePolicyAction } from "@/app/(app)/policies/actions";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { toast } from "@/components/ui/toasts";
import { plural } from "./coverage";

/** Deleting a policy asks first: its waiting requests are cancelled and its tasks fall back to standing roles. */
export function DeletePolicyButton({ policyId, target }: { policyId: string; target: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <ConfirmButton
      title={`Delete the policy for ${target}?`}
      body={
        <div className="space-y-2">
          <p>Requests waiting under it are cancelled. Granted windows and the audit log keep their history.</p>
          <p>Without a policy, {target} is allowed only to people who hold a standing role that contains it.</p>
        </div>
      }
      confirmLabel="Delete policy"
      disabled={pending}
      onConfirm={() =>
        startTransition(async () => {
          const result = await deletePolicyAction({ id: policyId });
          if (!result.ok) {
            toast.error(result.message);
            return;
          }
          const cancelled = result.data.cancelledRequests;
          toast.success(cancelled ? `Policy deleted; ${plural(cancelled, "waiting request")} cancelled` : "Policy deleted");
          router.push("/policies");
        })
      }
    >
      {pending ? "Deleting…" : "Delete policy"}
    </ConfirmButton>
  );
}
