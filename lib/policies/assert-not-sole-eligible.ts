/**
 * A policy's eligibility with no rows means "every member but guests", so dropping the one row of
 * a policy would open it to everyone. Removing a member deletes their rows: this refuses it first,
 * with `conflict:member-sole-eligible` naming each policy they alone may request, just as deleting
 * an approver group that a policy's eligibility names is refused.
 */
import { sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { type DbTargetType, targetTypeLabel, toApiTargetType } from "@/lib/catalog/target-types";
import { DomainError } from "@/lib/errors";

/** How many policies the refusal names before it says "and N more". */
const NAMED = 5;

interface SolePolicy {
  id: string;
  scope: string;
  type: DbTargetType;
  target: string;
}

/** The policies (enabled or not) whose only eligibility entry names this person. */
export async function selectSoleEligiblePolicies(db: Executor, organisationId: string, userId: string) {
  const result = await db.execute(sql`
    select p.id, s.name as scope, p.target_type as type, coalesce(t.name, r.name, g.name) as target
    from policy_eligibility pe
    join policies p on p.id = pe.policy_id
    join scopes s on s.id = p.scope_id
    left join tasks t on t.id = p.task_id
    left join roles r on r.id = p.role_id
    left join role_groups g on g.id = p.role_group_id
    where pe.organisation_id = ${organisationId} and pe.user_id = ${userId}
      and not exists (select 1 from policy_eligibility other where other.policy_id = pe.policy_id and other.id <> pe.id)
    order by s.name, p.target_type, 4`);
  return (result as unknown as { rows: SolePolicy[] }).rows;
}

/**
 * "lee@contoso.com is the only one who may request the policy for the task New-MailboxExportRequest
 * (Exchange): change who may request it first." Call it inside the transaction that would delete
 * the rows, after the organisation is locked (policy changes lock it too, so none slips in between).
 */
export async function assertNotSoleEligible(tx: Executor, { organisationId, userId, email }: { organisationId: string; userId: string; email: string }) {
  const sole = await selectSoleEligiblePolicies(tx, organisationId, userId);
  if (sole.length === 0) return;
  const named = sole.slice(0, NAMED).map((p) => `the ${targetTypeLabel[p.type]} ${p.target} (${p.scope})`);
  const more = sole.length - named.length;
  const list = more > 0 ? `${named.join(", ")} and ${more} more` : new Intl.ListFormat("en", { type: "conjunction" }).format(named);
  const one = sole.length === 1;
  throw new DomainError(
    "conflict:member-sole-eligible",
    `${email} is the only one who may request ${one ? "the policy" : "the policies"} for ${list}: change who may request ${one ? "it" : "them"} first.`,
    undefined,
    { policies: sole.map((p) => ({ id: p.id, scope: p.scope, type: toApiTargetType(p.type), target: p.target })) },
  );
}
