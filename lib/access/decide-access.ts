/**
 * The access decision of product.md, for user U, task T (by scope and name) and now (database clock):
 * - PAM off: only standing roles count.
 * - U excluded: allowed, as excluded.
 * - some enabled policy covers T (on T, on a role holding T, on a role group holding such a role):
 *   allowed only with U's approved request covering T whose window holds now, granted under a
 *   policy at least as strict as the strictest covering T;
 * - no policy covers T: allowed only through a standing role group holding T.
 *
 * It is the hot path (every run and every external check), so it is one SQL statement over indexed
 * lookups, and it writes nothing: callers audit what they do with the answer.
 */
import { sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { preparedRows } from "@/db/prepared-query";

export type AccessReason =
  | "excluded"
  | "grant"
  | "standing-role"
  | "no-grant"
  | "no-role"
  | "unknown-task"
  | "not-a-member";

export interface AccessDecision {
  allowed: boolean;
  code: AccessReason;
  /** For a person: why. */
  reason: string;
  taskId: string | null;
  requestId: string | null;
  endsAt: Date | null;
  /** The strictest policy covering the task, when one does: what to request. */
  policyId: string | null;
}

interface DecisionRow {
  task_id: string | null;
  member: boolean;
  pam_enabled: boolean;
  excluded: boolean;
  policy_id: string | null;
  grant_id: string | null;
  grant_ends_at: Date | string | null;
  standing: boolean;
}

export async function decideAccess(
  db: Executor,
  { organisationId, userId, scope, task }: { organisationId: string; userId: string; scope: string; task: string },
): Promise<AccessDecision> {
  const rows = await preparedRows<DecisionRow>(db, "elevate_decide_access", sql`
    with t as (
      select tk.id from tasks tk join scopes s on s.id = tk.scope_id
      where s.organisation_id = ${organisationId} and s.name = ${scope} and tk.name = ${task}
    ),
    task_roles as (select rt.role_id from role_tasks rt where rt.task_id = (select id from t)),
    task_role_groups as (
      select distinct rgr.role_group_id from role_group_roles rgr where rgr.role_id in (select role_id from task_roles)
    ),
    strictest as (
      select p.id, p.approval_type, p.required_approvals from policies p
      where p.organisation_id = ${organisationId} and p.enabled
        and (p.task_id = (select id from t)
             or p.role_id in (select role_id from task_roles)
             or p.role_group_id in (select role_group_id from task_role_groups))
      order by (p.approval_type = 'manual') desc, p.required_approvals desc, p.max_duration_minutes asc, p.created_at asc
      limit 1
    ),
    grant_row as (
      select r.id, r.ends_at from access_requests r
      left join policies gp on gp.id = r.policy_id
      where r.requester_id = ${userId} and r.status = 'approved' and r.ends_at > now() and r.starts_at <= now()
        and r.organisation_id = ${organisationId}
        and (r.task_id = (select id from t)
             or r.role_id in (select role_id from task_roles)
             or r.role_group_id in (select role_group_id from task_role_groups))
        and (r.policy_id = (select id from strictest)
             or (r.required_approvals >= (select required_approvals from strictest)
                 and ((select approval_type from strictest) = 'auto' or gp.approval_type = 'manual')))
      order by r.ends_at desc
      limit 1
    )
    select
      (select id from t) as task_id,
      (m.id is not null and m.disabled_at is null) as member,
      o.pam_enabled,
      coalesce(m.excluded_from_pam, false) as excluded,
      (select id from strictest) as policy_id,
      (select id from grant_row) as grant_id,
      (select ends_at from grant_row) as grant_ends_at,
      exists (
        select 1 from role_group_assignments a
        join role_group_roles rgr on rgr.role_group_id = a.role_group_id
        where a.user_id = ${userId} and a.organisation_id = ${organisationId}
          and rgr.role_id in (select role_id from task_roles)
      ) as standing
    from organisations o
    left join memberships m on m.organisation_id = o.id and m.user_id = ${userId}
    where o.id = ${organisationId}`);
  return decide(rows[0], task);
}

function decide(row: DecisionRow | undefined, task: string): AccessDecision {
  const base = { taskId: row?.task_id ?? null, requestId: null, endsAt: null, policyId: row?.policy_id ?? null };
  const no = (code: AccessReason, reason: string) => ({ ...base, allowed: false, code, reason });
  if (!row?.member) return no("not-a-member", "You are not an active member of this organisation.");
  if (!row.task_id) return no("unknown-task", `There is no task named ${task}.`);
  if (row.pam_enabled && row.excluded) {
    return { ...base, allowed: true, code: "excluded", reason: "Your account is excluded from privileged access management." };
  }
  if (row.pam_enabled && row.policy_id) {
    if (row.grant_id) {
      return {
        ...base,
        allowed: true,
        code: "grant",
        reason: "Allowed by your approved request.",
        requestId: row.grant_id,
        endsAt: new Date(row.grant_ends_at!),
      };
    }
    return no("no-grant", `${task} needs approved just-in-time access, and you have no active window for it: request access.`);
  }
  if (row.standing) {
    return { ...base, allowed: true, code: "standing-role", reason: "Allowed by your standing role group." };
  }
  return no("no-role", `None of your role groups includes ${task}.`);
}
