import { Badge } from "./ui/badge";

const tones = {
  pending: "amber",
  approved: "green",
  denied: "red",
  cancelled: "neutral",
  expired: "neutral",
  revoked: "red",
} as const;

export function StatusBadge({ status, active }: { status: keyof typeof tones; active?: boolean }) {
  if (status === "approved" && active) return <Badge tone="green">Active</Badge>;
  if (status === "approved" && active === false) return <Badge tone="neutral">Approved · ended or scheduled</Badge>;
  return <Badge tone={tones[status]}>{status[0]!.toUpperCase() + status.slice(1)}</Badge>;
}
