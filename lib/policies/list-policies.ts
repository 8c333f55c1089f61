import type { Database } from "@/db/client";
import { authorize } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/roles";
import { findPolicy } from "./find-policy";
import { selectPolicyViews } from "./policy-view";

/** Every member may see which policies exist: it is what they can ask for. */
export async function listPolicies(db: Database, { actor }: { actor: Actor }) {
  return selectPolicyViews(db, actor.organisationId);
}

export async function getPolicy(db: Database, { actor, policyId }: { actor: Actor; policyId: string }) {
  authorize(actor, "manage-policies");
  const policy = await findPolicy(db, actor.organisationId, policyId);
  const [view] = await selectPolicyViews(db, actor.organisationId, policy.id);
  return view!;
}
