/**
 * Who may request a policy (Entra PIM's eligible assignments): THE rule, defined once here as an
 * SQL fragment (`eligibleCondition`) that the request form, `createRequest` / `extendRequest` and
 * the access decision all use. A policy with no eligibility rows is open to every active member
 * but guests. With rows, a person is eligible when a row names them, or when they are an active
 * member (not a guest) of the organisation and a member of a named approver group at the time of
 * the question: adding someone to the group makes them eligible from then on. A guest is eligible
 * only when named by email, just as a guest in an approver group never approves.
 *
 * Eligibility gates asking. In `decideAccess` it matters once more: a window granted under another
 * (broader) policy counts for a task only if the person is also eligible for the strictest policy
 * covering that task, so a policy open to all cannot carry someone past a stricter policy's list.
 * A window under the strictest policy itself keeps working if its holder later leaves the eligible
 * group (revoke it to end it); they cannot extend it or ask again.
 */
import { type SQL, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { DomainError } from "@/lib/errors";

/**
 * True when user U may request the policy whose id is the SQL expression `policyId` (the rule
 * above). One indexed probe of `policy_eligibility` by policy, plus the person's membership.
 */
export function eligibleCondition(policyId: SQL, userId: string, organisationId: string): SQL {
  const isMember = sql`exists (select 1 from memberships em
    where em.organisation_id = ${organisationId} and em.user_id = ${userId} and em.kind = 'member' and em.disabled_at is null)`;
  return sql`(case
    when exists (select 1 from policy_eligibility pe where pe.policy_id = ${policyId}) then exists (
      select 1 from policy_eligibility pe
      where pe.policy_id = ${policyId}
        and (pe.user_id = ${userId}
             or (pe.group_id is not null and ${isMember}
                 and exists (select 1 from approver_group_members gm where gm.group_id = pe.group_id and gm.user_id = ${userId}))))
    else ${isMember}
  end)`;
}

/** The ids of the enabled policies this person may request: one query, whatever their number. */
export async function selectEligiblePolicyIds(db: Executor, { organisationId, userId }: { organisationId: string; userId: string }) {
  const result = await db.execute(sql`
    select p.id from policies p
    where p.organisation_id = ${organisationId} and p.enabled and ${eligibleCondition(sql`p.id`, userId, organisationId)}`);
  return new Set((result as unknown as { rows: { id: string }[] }).rows.map((row) => row.id));
}

interface EligibilityRow {
  kind: "member" | "guest" | null;
  eligible: boolean;
  entries: { group: string | null; email: string | null }[] | string;
}

/**
 * Refuses with `forbidden:not-eligible`, naming who may request it, when the person may not request
 * under the policy. Called inside the transaction that writes the request.
 */
export async function assertEligible(
  tx: Executor,
  { organisationId, userId, policyId, what }: { organisationId: string; userId: string; policyId: string; what: string },
) {
  const result = await tx.execute(sql`
    select
      (select m.kind from memberships m where m.organisation_id = ${organisationId} and m.user_id = ${userId}) as kind,
      ${eligibleCondition(sql`${policyId}::uuid`, userId, organisationId)} as eligible,
      coalesce((
        select json_agg(json_build_object('group', g.name, 'email', u.email))
        from policy_eligibility pe
        left join approver_groups g on g.id = pe.group_id
        left join users u on u.id = pe.user_id
        where pe.policy_id = ${policyId}), '[]'::json) as entries`);
  const row = (result as unknown as { rows: EligibilityRow[] }).rows[0];
  if (row?.eligible) return;
  const entries = typeof row?.entries === "string" ? (JSON.parse(row.entries) as Exclude<EligibilityRow["entries"], string>) : (row?.entries ?? []);
  const guest = row?.kind !== "member";

  const groups = entries.flatMap((entry) => (entry.group ? [entry.group] : [])).sort();
  const people = entries.flatMap((entry) => (entry.email ? [entry.email] : [])).sort();
  throw new DomainError("forbidden:not-eligible", notEligibleMessage({ groups, people, guest, what }), undefined, {
    eligible: [...groups, ...people],
  });
}

/** "Only members of Exchange Leads may request the task New-JournalRule." */
export function notEligibleMessage({ groups, people, guest, what }: { groups: string[]; people: string[]; guest: boolean; what: string }) {
  if (groups.length === 0 && people.length === 0) {
    return `Guests may not request ${what}: it is open to members of the organisation, and to guests only when its policy names them.`;
  }
  const or = new Intl.ListFormat("en", { type: "disjunction" });
  const who = or.format([...(groups.length ? [`members of ${or.format(groups)}`] : []), ...people]);
  const guestNote = guest && groups.length ? " Group membership does not make a guest eligible: the policy must name you." : "";
  return `Only ${who} may request ${what}.${guestNote}`;
}
