"use client";

import { useQueryClient } from "@tanstack/react-query";
import { decideRequestAction } from "@/app/(app)/inbox/actions";
import { Button } from "@/components/ui/button";
import { TextAreaField } from "@/components/ui/field";
import { toast } from "@/components/ui/toasts";
import { useActionForm } from "@/components/use-action";
import { COMMENT_MAX_LENGTH } from "@/lib/requests/text-limits";

/** Approve, or deny with a comment: one form, two buttons, the comment shared. */
export function DecisionForm({
  requestId,
  target,
  requester,
  onDecided,
}: {
  requestId: string;
  target: string;
  requester: string;
  /** Runs once the decision is recorded: the card is about to change or go. */
  onDecided?: () => void;
}) {
  const queryClient = useQueryClient();
  const { formProps, pending, errors } = useActionForm(decideRequestAction, {
    onSuccess: (request) => {
      toast.success(
        request.status === "approved"
          ? `Approved: ${requester} has ${target}`
          : request.status === "denied"
            ? `Denied ${requester}'s request`
            : "Approval recorded: waiting for more approvers",
      );
      void queryClient.invalidateQueries({ queryKey: ["inbox"] });
      onDecided?.();
    },
  });
  return (
    <form {...formProps} className="space-y-2" noValidate>
      <input type="hidden" name="requestId" value={requestId} />
      <TextAreaField
        name="comment"
        label="Comment"
        rows={2}
        hint="Required to deny."
        limit={COMMENT_MAX_LENGTH}
        errors={errors?.comment}
        id={`comment-${requestId}`}
      />
      <div className="flex gap-2">
        <Button type="submit" name="decision" value="approve" disabled={pending} aria-label={`Approve ${requester}'s request for ${target}`}>
          Approve
        </Button>
        <Button type="submit" name="decision" value="deny" variant="danger" disabled={pending} aria-label={`Deny ${requester}'s request for ${target}`}>
          Deny
        </Button>
      </div>
    </form>
  );
}
