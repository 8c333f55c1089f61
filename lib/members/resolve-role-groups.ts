import { and, eq, inArray } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { roleGroups } from "@/db/schema";
import { DomainError } from "@/lib/errors";

export interface ResolvedRoleGroups {
  /** Name → id, for the names that name exactly one role group of the organisation. */
  ids: Map<string, string>;
  unknown: string[];
  /** Names that several scopes use: which one is meant cannot be told from the name. */
  ambiguous: string[];
}

/**
 * Standing role groups by name, across the organisation's scopes (Exchange's and any external
 * one's). Names are exact, as Exchange spells them.
 */
export async function findRoleGroups(tx: Executor, organisationId: string, names: Iterable<string>): Promise<ResolvedRoleGroups> {
  const wanted = [...new Set(names)];
  const rows: { id: string; name: string }[] = [];
  // A CSV import may name many; a statement takes at most 65,535 parameters.
  for (let i = 0; i < wanted.length; i += 1000) {
    rows.push(
      ...(await tx
        .select({ id: roleGroups.id, name: roleGroups.name })
        .from(roleGroups)
        .where(and(eq(roleGroups.organisationId, organisationId), inArray(roleGroups.name, wanted.slice(i, i + 1000))))),
    );
  }
  const byName = new Map<string, string[]>();
  for (const row of rows) byName.set(row.name, [...(byName.get(row.name) ?? []), row.id]);
  const ids = new Map<string, string>();
  const unknown: string[] = [];
  const ambiguous: string[] = [];
  for (const name of wanted) {
    const found = byName.get(name) ?? [];
    if (found.length === 1) ids.set(name, found[0]!);
    else (found.length === 0 ? unknown : ambiguous).push(name);
  }
  return { ids, unknown, ambiguous };
}

/** The problem with some names, as one message; null when every name resolved. */
export function roleGroupProblem({ unknown, ambiguous }: Pick<ResolvedRoleGroups, "unknown" | "ambiguous">): string | null {
  const parts = [
    unknown.length ? `there is no role group ${unknown.map((n) => `"${n}"`).join(", ")}` : null,
    ambiguous.length ? `${ambiguous.map((n) => `"${n}"`).join(", ")} is the name of role groups in several scopes` : null,
  ].filter(Boolean);
  return parts.length ? `${parts.join("; ")}.` : null;
}

/** The ids of these names, or `invalid:role-groups` naming the ones that do not resolve. */
export async function resolveRoleGroups(tx: Executor, organisationId: string, names: string[]): Promise<Map<string, string>> {
  const resolved = await findRoleGroups(tx, organisationId, names);
  const problem = roleGroupProblem(resolved);
  if (problem) {
    const message = problem.charAt(0).toUpperCase() + problem.slice(1);
    throw new DomainError("invalid:role-groups", message, { roleGroups: [message] }, {
      unknown: resolved.unknown,
      ambiguous: resolved.ambiguous,
    });
  }
  return resolved.ids;
}
