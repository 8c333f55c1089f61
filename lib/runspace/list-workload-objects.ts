/**
 * The objects a task's parameter can name (the journal rules for Remove-JournalRule's Identity),
 * for the runspace form to offer. Only to someone the access decision lets run that task now: the
 * workload's names (mailboxes, rules, who journals where) are what a policy puts behind approval,
 * so a person without access learns no more from the picker than from a blocked run. Always this
 * organisation's objects only, searched, and never more than `limit` at once.
 */
import { z } from "zod";
import type { Database } from "@/db/client";
import { decideAccess } from "@/lib/access/decide-access";
import type { Actor } from "@/lib/auth/roles";
import { objectKindOf } from "@/lib/catalog/object-kind-of";
import { DomainError, invalidField } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { listExchangeObjects } from "./exchange/list-exchange-objects";
import { describeObjectKind, isObjectKind } from "./exchange/object-kinds";

export const listWorkloadObjectsInput = z.strictObject({
  scope: z.string().trim().min(1).default("Exchange"),
  task: z.string().trim().min(1, "must name a task"),
  parameter: z.string().trim().min(1, "must name a parameter"),
  /** Part of a name, alias or address; empty lists the first ones. */
  search: z.string().trim().max(256, "must be at most 256 characters").default(""),
  limit: z.number().int().min(1).max(50, "must be at most 50").default(20),
});
export type ListWorkloadObjectsInput = z.input<typeof listWorkloadObjectsInput>;

export async function listWorkloadObjects(db: Database, { actor, input }: { actor: Actor; input: ListWorkloadObjectsInput }) {
  const { scope, task, parameter, search, limit } = parseInput(listWorkloadObjectsInput, input);
  const kind = objectKindOf(scope, task, parameter);
  if (!kind || !isObjectKind(kind)) {
    throw invalidField("invalid:parameter", "parameter", `${task} has no parameter ${parameter} that names an object of the workload.`);
  }
  const object = describeObjectKind(kind);
  // One transaction: the decision and the list read the same snapshot.
  return db.transaction(async (tx) => {
    const decision = await decideAccess(tx, { organisationId: actor.organisationId, userId: actor.userId, scope, task });
    if (!decision.allowed) {
      throw new DomainError(
        `forbidden:${decision.code}`,
        `The ${object.plural} are listed only for someone who may run ${task} now. ${decision.reason}`,
        undefined,
        { policyId: decision.policyId, scope, task },
      );
    }
    const { items, more } = await listExchangeObjects(tx, { organisationId: actor.organisationId, kind, search, limit });
    return { scope, task, parameter, object, search, items, more };
  });
}
export type WorkloadObjectList = Awaited<ReturnType<typeof listWorkloadObjects>>;
