import type { ApiTargetType } from "@/lib/catalog/target-types";

export const targetTypeNames: Record<ApiTargetType, string> = { task: "Task", role: "Role", roleGroup: "Role group" };

/** "15 min", "1.5 h", "8 h": durations as an admin reads them. */
export function formatHours(hours: number) {
  if (hours < 1) return `${Math.round(hours * 60)} min`;
  return `${Number.isInteger(hours) ? hours : hours.toFixed(2).replace(/0$/, "")} h`;
}
