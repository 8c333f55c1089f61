/** Screen words for the outbox's kinds and states. */
export const emailKindLabels: Record<string, string> = {
  "request-pending": "Approval needed",
  "request-approved": "Approved",
  "request-denied": "Denied",
  "request-decided-other": "Decided by another approver",
  "request-auto-approved": "Approved automatically",
  "request-revoked": "Revoked",
  "request-released": "Released early",
  "request-expired": "Expired",
  "access-ending-soon": "Ending soon",
  "sign-in": "Sign-in link",
};

export function statusOf(message: { status: string; attempts: number }) {
  switch (message.status) {
    case "sent":
      return { label: "Sent", tone: "green" } as const;
    case "failed":
      return { label: "Failed", tone: "red" } as const;
    case "sending":
      return { label: "Sending", tone: "brand" } as const;
    default:
      return message.attempts > 0 ? ({ label: "Retrying", tone: "amber" } as const) : ({ label: "Queued", tone: "neutral" } as const);
  }
}
