import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { can } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/roles";
import { type Config, config } from "@/lib/config";

export interface ChecklistItem {
  key: "members" | "approvers" | "pam" | "policy" | "email" | "sign-in";
  label: string;
  done: boolean;
  /** What is there now, or what is missing. */
  detail: string;
  href: string;
}

interface Counts {
  members: number;
  best_group: string | null;
  best_group_size: number;
  pam_enabled: boolean;
  policies: number;
}

/**
 * What a new organisation still needs before people can use it, for its administrators: each item
 * ticks itself from the data (and, for email and sign-in, from how this deployment is configured).
 * Null for anyone who cannot act on it. One statement.
 */
export async function getSetupChecklist(db: Database, { actor, cfg = config() }: { actor: Actor; cfg?: Config }) {
  if (!can(actor, "manage-settings")) return null;
  const organisationId = actor.organisationId;
  const result = await db.execute(sql`
    with group_sizes as (
      select g.name, count(m.id) as size
      from approver_groups g
      left join approver_group_members gm on gm.group_id = g.id
      left join memberships m on m.user_id = gm.user_id and m.organisation_id = g.organisation_id
        and m.disabled_at is null and m.kind = 'member'
      where g.organisation_id = ${organisationId}
      group by g.id, g.name
      order by size desc, g.name
      limit 1
    )
    select
      (select count(*) from memberships where organisation_id = ${organisationId} and disabled_at is null)::int as members,
      (select name from group_sizes) as best_group,
      coalesce((select size from group_sizes), 0)::int as best_group_size,
      o.pam_enabled,
      (select count(*) from policies where organisation_id = ${organisationId})::int as policies
    from organisations o where o.id = ${organisationId}`);
  const counts = (result as unknown as { rows: Counts[] }).rows[0]!;
  const emailDelivery = Boolean(cfg.email.resendApiKey);
  const signInMethods = [
    emailDelivery && "email links",
    cfg.entraId && "Microsoft Entra ID",
    cfg.demo && "the demo picker",
  ].filter(Boolean) as string[];

  const items: ChecklistItem[] = [
    {
      key: "members",
      label: "Add the people who will request and approve access",
      done: counts.members >= 2,
      detail: counts.members === 1 ? "Only you so far." : `${counts.members} active members.`,
      href: "/members",
    },
    {
      key: "approvers",
      label: "Give an approver group at least two active members",
      done: counts.best_group_size >= 2,
      detail:
        counts.best_group === null
          ? "There is no approver group."
          : `${counts.best_group} has ${counts.best_group_size} active ${counts.best_group_size === 1 ? "member" : "members"}: nobody approves their own request, so one is not enough.`,
      href: "/settings#groups",
    },
    {
      key: "pam",
      label: "Turn privileged access management on",
      done: counts.pam_enabled,
      detail: counts.pam_enabled ? "PAM is on." : "PAM is off: only standing roles apply.",
      href: "/settings#pam",
    },
    {
      key: "policy",
      label: "Create a first policy",
      done: counts.policies > 0,
      detail: counts.policies > 0 ? `${counts.policies} ${counts.policies === 1 ? "policy" : "policies"}.` : "No task, role or role group needs approval yet.",
      href: "/policies/new",
    },
    {
      key: "email",
      label: "Configure email delivery",
      done: emailDelivery || cfg.demo,
      detail: emailDelivery
        ? `Sending through Resend as ${cfg.email.from}.`
        : cfg.demo
          ? "Demo mode: messages land in the dev mailbox."
          : "Set RESEND_API_KEY and EMAIL_FROM on the server: approvers are told of requests by email.",
      href: "/settings/email",
    },
    {
      key: "sign-in",
      label: "Configure a sign-in method",
      done: signInMethods.length > 0,
      detail:
        signInMethods.length > 0
          ? `People sign in with ${signInMethods.join(" and ")}.`
          : "Set up email delivery (for sign-in links) or Microsoft Entra ID (AUTH_MICROSOFT_ENTRA_ID_*) on the server.",
      href: "/settings#sign-in",
    },
  ];
  return { items, complete: items.every((item) => item.done) };
}

export type SetupChecklist = NonNullable<Awaited<ReturnType<typeof getSetupChecklist>>>;
