/**
 * The access decision of product.md, for user U, task T (by scope and name) and now (database clock):
 * - U not an active member of the organisation: denied (`not-a-member`); T unknown: `unknown-task`.
 * - PAM off: only standing roles count (`standing-role`, else `no-role`).
 * - U excluded: allowed, as excluded (`excluded`).
 * - some enabled policy covers T (on T, on a role holding T, on a role group holding such a role):
 *   let S be the strictest covering policy (manual before auto, then more required approvals, then
 *   the shorter maximum window, then the older). A window W is U's approved request covering T,
 *   open now. W counts when it was granted
 *   - under S itself, or
 *   - under another policy (or one since deleted) at least as strict (as many required approvals,
 *     and manual unless S is auto) AND U is eligible for S now: S has no eligibility rows (every
 *     active member but guests), or names U, or names an approver group U is in as an active,
 *     non-guest member. This is `eligibleCondition` of lib/policies/check-eligibility.ts, the one
 *     definition the request form and `createRequest` use too, so a broad policy open to everyone
 *     cannot carry U past the list of a stricter policy they could not have asked under.
 *   Let "standing" mean that one of U's standing role groups contains a role holding T, and "T
 *   only unlocks" that ANY enabled covering policy only unlocks (`window_grants = false`, Office 365
 *   PAM's way), or W's own policy does (a deleted policy counts as granting). Then:
 *   - W counts and T does not only unlock: allowed (`grant`).
 *   - W counts and T only unlocks: allowed (`grant`) if standing, else denied (`no-role-to-unlock`).
 *   - no W counts: denied. `no-grant` (request access) when a window would help: T does not only
 *     unlock, or standing. When T only unlocks and U is not standing, no window can help:
 *     `no-role-to-unlock`.
 *   Among several windows, one that counts and allows wins, then the one ending last.
 * - no policy covers T: allowed only through a standing role group holding T (`standing-role`),
 *   else `no-role`.
 *
 * It is the hot path (every run and every external check), so it is one SQL statement over indexed
 * lookups, and it writes nothing: callers audit what they do with the answer.
 */
import { sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { preparedRows } from "@/db/prepared-query";
import { eligibleCondition } from "@/lib/policies/check-eligibility";
import { type TaskReach, reachOfTask, strictestFirst, targetsTask } from "@/lib/policies/coverage";

export type AccessReason =
  | "excluded"
  | "grant"
  | "standing-role"
  | "no-grant"
  | "no-role"
  /** An unlocking policy covers T: a window counts only with a standing role group holding T, and U has none. */
  | "no-role-to-unlock"
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
  /** Whether every covering policy and the window's own policy grant (null without a window). */
  grant_grants: boolean | null;
  /** Whether every enabled covering policy grants (null without a covering policy). */
  policy_grants: boolean | null;
  /** Whether U may request S (null without a covering policy). */
  eligible: boolean | null;
  standing: boolean;
}

/** The task's roles and role groups, read once per decision into the `task_roles` and `task_role_groups` CTEs. */
const viaCatalog = reachOfTask(sql`(select id from t)`);
const reach: TaskReach = {
  taskId: sql`(select id from t)`,
  roleIds: sql`select role_id from task_roles`,
  roleGroupIds: sql`select role_group_id from task_role_groups`,
};

export async function decideAccess(
  db: Executor,
  { organisationId, userId, scope, task }: { organisationId: string; userId: string; scope: string; task: string },
): Promise<AccessDecision> {
  const rows = await preparedRows<DecisionRow>(db, "elevate_decide_access", sql`
    with t as (
      select tk.id from tasks tk join scopes s on s.id = tk.scope_id
      where s.organisation_id = ${organisationId} and s.name = ${scope} and tk.name = ${task}
    ),
    task_roles as (${viaCatalog.roleIds}),
    task_role_groups as (${viaCatalog.roleGroupIds}),
    standing as (
      select exists (
        select 1 from role_group_assignments a
        join role_group_roles rgr on rgr.role_group_id = a.role_group_id
        where a.user_id = ${userId} and a.organisation_id = ${organisationId}
          and rgr.role_id in (select role_id from task_roles)
      ) as held
    ),
    covering as (
      select p.id, p.approval_type, p.required_approvals, p.window_grants, p.max_duration_minutes, p.created_at
      from policies p
      where p.organisation_id = ${organisationId} and p.enabled and ${targetsTask("p", reach)}
    ),
    strictest as (
      select c.id, c.approval_type, c.required_approvals from covering c
      order by ${strictestFirst("c")}
      limit 1
    ),
    rules as (
      select
        (select bool_and(c.window_grants) from covering c) as all_grant,
        (select ${eligibleCondition(sql`s.id`, userId, organisationId)} from strictest s) as eligible
    ),
    grant_row as (
      select r.id, r.ends_at,
        (coalesce(gp.window_grants, true) and (select all_grant from rules)) as grants
      from access_requests r
      left join policies gp on gp.id = r.policy_id
      where r.requester_id = ${userId} and r.status = 'approved' and r.ends_at > now() and r.starts_at <= now()
        and r.organisation_id = ${organisationId}
        and ${targetsTask("r", reach)}
        and (r.policy_id = (select id from strictest)
             or ((select eligible from rules)
                 and r.required_approvals >= (select required_approvals from strictest)
                 and ((select approval_type from strictest) = 'auto' or gp.approval_type = 'manual')))
      order by ((coalesce(gp.window_grants, true) and (select all_grant from rules)) or (select held from standing)) desc,
        r.ends_at desc
      limit 1
    )
    select
      (select id from t) as task_id,
      (m.id is not null and m.disabled_at is null) as member,
      o.pam_enabled,
      coalesce(m.excluded_from_pam, false) as excluded,
      (select id from strictest) as policy_id,
      (select all_grant from rules) as policy_grants,
      (select eligible from rules) as eligible,
      (select id from grant_row) as grant_id,
      (select ends_at from grant_row) as grant_ends_at,
      (select grants from grant_row) as grant_grants,
      (select held from standing) as standing
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
    if (row.grant_id && (row.grant_grants || row.standing)) {
      return {
        ...base,
        allowed: true,
        code: "grant",
        reason: row.grant_grants
          ? "Allowed by your approved request."
          : "Allowed by your approved request, which unlocks what your role groups include.",
        requestId: row.grant_id,
        endsAt: new Date(row.grant_ends_at!),
      };
    }
    if (row.grant_id) {
      return no(
        "no-role-to-unlock",
        `${task} is unlocked by your approved window only for people whose role groups include it; none of yours does. Ask a Global Administrator for a role group that includes it.`,
      );
    }
    if (row.policy_grants === false && !row.standing) {
      return no(
        "no-role-to-unlock",
        `${task} needs an approved window, and that window only unlocks it for people whose role groups include it; none of yours does. Ask a Global Administrator for a role group that includes it.`,
      );
    }
    if (row.eligible === false) {
      // Still `no-grant`: a window under the strictest policy would help, once it names them.
      return no(
        "no-grant",
        `${task} needs an approved window under the strictest policy that covers it, and that policy names who may request it; you are not among them, so a window under another policy does not count for ${task}.`,
      );
    }
    return no("no-grant", `${task} needs approved just-in-time access, and you have no active window for it: request access.`);
  }
  if (row.standing) {
    return { ...base, allowed: true, code: "standing-role", reason: "Allowed by your standing role group." };
  }
  return no("no-role", `None of your role groups includes ${task}.`);
}
