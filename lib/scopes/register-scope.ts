import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { scopes } from "@/db/schema";
import { auditActorOf } from "@/lib/audit/audit-actor";
import { auditOf, auditedTransaction } from "@/lib/audit/audited-transaction";
import { authorize } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/roles";
import { builtinCatalogs } from "@/lib/catalog/builtin";
import { DomainError } from "@/lib/errors";
import { lockOrganisation } from "@/lib/organisations/lock-organisation";
import { parseInput } from "@/lib/validation";
import { scopeDescription, scopeName } from "./scope-input";

export const registerScopeInput = z.strictObject({ name: scopeName, description: scopeDescription.optional() });
export type RegisterScopeInput = z.input<typeof registerScopeInput>;

/**
 * Registers an external scope: a workload whose tasks run elsewhere (a bastion, a database
 * console, a deploy tool) and which asks `POST /access/check` before it runs one. It starts with an
 * empty catalog at version 1; `replaceScopeCatalog` fills it. Its name may not be another scope's
 * in any case, nor a built-in scope's (one may arrive with a later release). Audited as
 * `scope.registered`.
 */
export async function registerScope(db: Database, { actor, input }: { actor: Actor; input: RegisterScopeInput }) {
  authorize(actor, "manage-scopes");
  const data = parseInput(registerScopeInput, input);
  const builtin = builtinCatalogs.find((catalog) => catalog.scope.toLowerCase() === data.name.toLowerCase());
  if (builtin) throw exists(data.name, `${builtin.scope} is the name of a built-in scope`);
  return auditedTransaction(db, async (tx) => {
    await lockOrganisation(tx, actor.organisationId);
    const [taken] = await tx
      .select({ name: scopes.name })
      .from(scopes)
      .where(and(eq(scopes.organisationId, actor.organisationId), sql`lower(${scopes.name}) = lower(${data.name})`));
    if (taken) throw exists(data.name, `There is already a scope named ${taken.name}`);
    const [scope] = await tx
      .insert(scopes)
      .values({ organisationId: actor.organisationId, name: data.name, kind: "external", description: data.description ?? "", version: 1 })
      .returning();
    auditOf(tx).record({
      organisationId: actor.organisationId,
      actor: auditActorOf(actor),
      action: "scope.registered",
      targetType: "scope",
      targetId: scope!.id,
      details: { scope: scope!.name, kind: "external", version: scope!.version, description: scope!.description },
    });
    return {
      name: scope!.name,
      description: scope!.description,
      kind: scope!.kind,
      version: scope!.version,
      tasks: [] as { name: string; description: string }[],
      roles: [] as { name: string; description: string; tasks: string[] }[],
      roleGroups: [] as { name: string; description: string; roles: string[] }[],
    };
  });
}

function exists(name: string, why: string) {
  const message = `${why}: choose another name for ${name}.`;
  return new DomainError("conflict:scope-exists", message, { name: [message] });
}
