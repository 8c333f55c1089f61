"use client";

import { Fragment, useState } from "react";
import { removeMemberAction, setMemberDisabledAction } from "@/app/(app)/members/actions";
import { LocalTime } from "@/components/time/local-time";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { toast } from "@/components/ui/toasts";
import { APP_ROLE_LABELS } from "@/lib/auth/roles";
import type { MemberView } from "@/lib/members/list-members";
import { MemberEditForm } from "./member-edit-form";
import type { RoleGroupOption } from "./role-group-picker";

/** Where a member came from, when it was not an administrator adding them here. */
const SOURCE_NOTES: Record<MemberView["source"], string | null> = { local: null, scim: "Provisioned by SCIM", oidc: "Joined at first sign-in" };
const COLUMNS = 7;

/**
 * Members with their app roles, standing role groups and status. Global Administrators edit,
 * disable, enable and remove members; Role Management sees the list read-only. The domain refuses
 * the rest (your own lock-out, the last Global Administrator) and the refusal comes back as a toast.
 */
export function MembersTable({
  members,
  roleGroups,
  canManage,
  selfId,
}: {
  members: MemberView[];
  roleGroups: RoleGroupOption[];
  canManage: boolean;
  selfId: string;
}) {
  const [editing, setEditing] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  async function setDisabled(member: MemberView, disabled: boolean) {
    setBusy(member.email);
    const result = await setMemberDisabledAction({ email: member.email, disabled });
    setBusy(null);
    if (result.ok) toast.success(disabled ? `${member.email} is disabled: their sessions and tokens have ended` : `${member.email} is enabled again`);
    else toast.error(result.message);
  }

  async function remove(member: MemberView) {
    setBusy(member.email);
    const result = await removeMemberAction({ email: member.email });
    setBusy(null);
    if (!result.ok) return void toast.error(result.message);
    const { cancelledRequests, revokedRequests } = result.data;
    const ended = [
      cancelledRequests ? `${cancelledRequests} pending request${cancelledRequests === 1 ? "" : "s"} cancelled` : null,
      revokedRequests ? `${revokedRequests} active window${revokedRequests === 1 ? "" : "s"} revoked` : null,
    ].filter(Boolean);
    toast.success(`${member.email} is removed${ended.length ? `: ${ended.join(", ")}` : ""}`);
  }

  return (
    <ScrollRegion label="Members" className="rounded-md border border-slate-200 bg-white">
      <table className="w-full min-w-[52rem] text-left text-sm">
        <caption className="sr-only">Members of the organisation</caption>
        <thead className="bg-slate-50 text-xs font-semibold uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2.5">Member</th>
            <th scope="col" className="px-3 py-2.5">App roles</th>
            <th scope="col" className="px-3 py-2.5">Standing role groups</th>
            <th scope="col" className="px-3 py-2.5">Approver groups</th>
            <th scope="col" className="px-3 py-2.5">Status</th>
            <th scope="col" className="px-3 py-2.5">Last sign-in</th>
            <th scope="col" className="px-3 py-2.5">{canManage ? "Actions" : <span className="sr-only">Actions</span>}</th>
          </tr>
        </thead>
        <tbody>
          {members.map((member) => {
            const self = member.userId === selfId;
            const isBusy = busy === member.email;
            return (
              <Fragment key={member.userId}>
                <tr className="border-t border-slate-200 align-top" aria-label={member.email}>
                  <th scope="row" className="px-3 py-2.5 font-normal">
                    <span className="block font-medium text-slate-900">
                      {member.name ?? member.email}
                      {self && <span className="ml-1 text-xs font-normal text-slate-600">(you)</span>}
                    </span>
                    <span className="block text-xs text-slate-600">{member.email}</span>
                  </th>
                  <td className="px-3 py-2.5">
                    <span className="flex flex-wrap gap-1">
                      {member.roles.length === 0 ? (
                        <span className="text-slate-600">Requestor</span>
                      ) : (
                        member.roles.map((role) => (
                          <Badge key={role} tone="brand">
                            {APP_ROLE_LABELS[role]}
                          </Badge>
                        ))
                      )}
                    </span>
                  </td>
                  <td className="px-3 py-2.5 text-slate-700">{member.standingRoleGroups.join(", ") || <span className="text-slate-600">—</span>}</td>
                  <td className="px-3 py-2.5 text-slate-700">{member.approverGroups.join(", ") || <span className="text-slate-600">—</span>}</td>
                  <td className="px-3 py-2.5">
                    <span className="flex flex-wrap gap-1">
                      {member.disabled ? <Badge tone="red">Disabled</Badge> : <Badge tone="green">Active</Badge>}
                      {member.guest && <Badge tone="neutral">Guest</Badge>}
                      {member.excludedFromPam && <Badge tone="amber">Excluded</Badge>}
                    </span>
                    {SOURCE_NOTES[member.source] && <span className="mt-1 block text-xs text-slate-600">{SOURCE_NOTES[member.source]}</span>}
                  </td>
                  <td className="px-3 py-2.5 text-slate-700">
                    {member.lastSignInAt ? (
                      <LocalTime iso={member.lastSignInAt} />
                    ) : (
                      <span className="text-slate-600">{member.invitedAt ? "Invited, not yet" : "Never"}</span>
                    )}
                  </td>
                  <td className="px-3 py-1.5">
                    {canManage && (
                      <span className="flex flex-nowrap gap-1.5">
                        <Button
                          variant="secondary"
                          aria-expanded={editing === member.email}
                          onClick={() => setEditing(editing === member.email ? null : member.email)}
                        >
                          Edit<span className="sr-only"> {member.email}</span>
                        </Button>
                        {member.disabled && (
                          <Button variant="secondary" disabled={isBusy} onClick={() => setDisabled(member, false)}>
                            Enable<span className="sr-only"> {member.email}</span>
                          </Button>
                        )}
                      </span>
                    )}
                  </td>
                </tr>
                {canManage && editing === member.email && (
                  <tr className="bg-slate-50">
                    <td colSpan={COLUMNS} className="px-3 py-4">
                      <MemberEditForm member={member} roleGroups={roleGroups} onDone={() => setEditing(null)} />
                      {!self && (
                        <div className="mt-4 flex flex-wrap items-center gap-2 border-t border-slate-200 pt-4">
                          {!member.disabled && (
                            <ConfirmButton
                              variant="secondary"
                              title={`Disable ${member.email}?`}
                              body="They can no longer sign in. Their sessions end now, their API tokens are revoked, their pending requests are cancelled and their open windows revoked; enabling them again brings none of it back. Their history stays."
                              confirmLabel="Disable member"
                              disabled={isBusy}
                              onConfirm={() => setDisabled(member, true)}
                            >
                              Disable<span className="sr-only"> {member.email}</span>
                            </ConfirmButton>
                          )}
                          <ConfirmButton
                            title={`Remove ${member.email}?`}
                            body={<RemovalConsequences member={member} />}
                            confirmLabel="Remove member"
                            disabled={isBusy}
                            onConfirm={() => remove(member)}
                          >
                            Remove<span className="sr-only"> {member.email}</span>
                          </ConfirmButton>
                          <p className="text-xs text-slate-600">Disabling can be undone; removing takes them out of the organisation.</p>
                        </div>
                      )}
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

/** What removing ends, said before it happens. */
function RemovalConsequences({ member }: { member: MemberView }) {
  return (
    <>
      <p>These end at once:</p>
      <ul className="mt-2 list-disc space-y-1 pl-5">
        <li>their sessions, and every API token of theirs (revoked);</li>
        <li>their pending requests (cancelled) and approved access windows (revoked);</li>
        {member.approverGroups.length > 0 && <li>their place in {member.approverGroups.join(", ")};</li>}
        {member.standingRoleGroups.length > 0 && <li>their standing role groups ({member.standingRoleGroups.join(", ")});</li>}
        {member.roles.length > 0 && <li>their app roles ({member.roles.map((role) => APP_ROLE_LABELS[role]).join(", ")}).</li>}
      </ul>
      <p className="mt-2">Their history stays in the audit log. You can add them again later; they start from nothing.</p>
    </>
  );
}
