import { and, eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { type Scope, scopes } from "@/db/schema";
import { DomainError } from "@/lib/errors";

export const scopeNotFound = (name: string) => new DomainError("not-found:scope", `There is no scope named ${JSON.stringify(name)}.`);

/** A scope of this organisation by its exact name, locked when changing it. */
export async function findScope(db: Executor, organisationId: string, name: string, { lock = false } = {}): Promise<Scope> {
  const query = db
    .select()
    .from(scopes)
    .where(and(eq(scopes.organisationId, organisationId), eq(scopes.name, name)));
  const [scope] = await (lock ? query.for("update") : query);
  if (!scope) throw scopeNotFound(name);
  return scope;
}

/** Built-in scopes come from Elevate's own catalog (lib/catalog/builtin) and change only with a release. */
export function refuseBuiltin(scope: Scope, doing: string) {
  if (scope.kind === "builtin") {
    throw new DomainError(
      "forbidden:builtin-scope",
      `${scope.name} is a built-in scope: its catalog comes with Elevate and cannot be ${doing}.`,
    );
  }
}
