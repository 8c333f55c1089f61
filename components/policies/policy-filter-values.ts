import type { ApiTargetType } from "@/lib/catalog/target-types";

// Plain functions, not in the client component file: the server page reads the URL with them.

export interface PolicyFilterValues {
  q: string;
  type: "" | ApiTargetType;
  approval: "" | "manual" | "auto";
  status: "" | "enabled" | "disabled";
}

export const noFilters: PolicyFilterValues = { q: "", type: "", approval: "", status: "" };

/** Reads filters from URL search params, ignoring values that are not ours. */
export function filtersFrom(params: Record<string, string | string[] | undefined>): PolicyFilterValues {
  const one = (key: string) => {
    const value = params[key];
    return typeof value === "string" ? value : "";
  };
  const pick = <T extends string>(value: string, allowed: readonly T[]) => (allowed.includes(value as T) ? (value as T) : "");
  return {
    q: one("q"),
    type: pick(one("type"), ["task", "role", "roleGroup"] as const),
    approval: pick(one("approval"), ["manual", "auto"] as const),
    status: pick(one("status"), ["enabled", "disabled"] as const),
  };
}
