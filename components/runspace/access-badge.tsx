import { LocalTime } from "@/components/time/local-time";
import { Badge } from "@/components/ui/badge";
import type { TaskAccess } from "@/lib/runspace/describe-tasks";

export type AccessGroup = "ready" | "request" | "unavailable";

/** Where a task sits in the picker: runnable now, runnable after a request, or not for this person. */
export function accessGroupOf(access: TaskAccess): AccessGroup {
  if (access.allowed) return "ready";
  return access.code === "no-grant" ? "request" : "unavailable";
}

/** The access decision for one task, in a word or three. */
export function AccessBadge({ access }: { access: TaskAccess }) {
  switch (access.code) {
    case "grant":
      return (
        <Badge tone="green">
          Allowed until&nbsp;{access.endsAt ? <LocalTime iso={access.endsAt} style="time" /> : "the window ends"}
        </Badge>
      );
    case "standing-role":
      return <Badge tone="green">Standing role</Badge>;
    case "excluded":
      return <Badge tone="green">Allowed · excluded account</Badge>;
    case "no-grant":
      return <Badge tone="amber">Needs a request</Badge>;
    default:
      return <Badge tone="neutral">Not in your roles</Badge>;
  }
}
