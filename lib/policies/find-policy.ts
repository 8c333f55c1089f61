import { and, eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { policies } from "@/db/schema";
import { DomainError } from "@/lib/errors";

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A policy of this organisation, locked when changing it; another organisation's is "not found". */
export async function findPolicy(db: Executor, organisationId: string, policyId: string, { lock = false } = {}) {
  if (!uuidPattern.test(policyId)) throw notFound();
  const query = db
    .select()
    .from(policies)
    .where(and(eq(policies.id, policyId), eq(policies.organisationId, organisationId)));
  const [policy] = await (lock ? query.for("update") : query);
  if (!policy) throw notFound();
  return policy;
}

const notFound = () => new DomainError("not-found:policy", "There is no such policy in your organisation.");

export { uuidPattern };
