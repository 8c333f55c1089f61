"use client";

import { Fragment, useState } from "react";
import { toast } from "sonner";
import { setMemberDisabledAction } from "@/app/(app)/settings/actions";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { APP_ROLE_LABELS } from "@/lib/auth/roles";
import type { MemberView } from "@/lib/members/list-members";
import { MemberRolesForm } from "./member-roles-form";


/**
 * Members with their app roles, groups and status. Global Administrators change roles and disable
 * or enable members; everyone else who opens Settings sees the list read-only. The domain refuses
 * the rest (your own lock-out, the last Global Administrator) and the refusal comes back as a toast.
 */
export function MembersTable({ members, canManage, selfId }: { members: MemberView[]; canManage: boolean; selfId: string }) {
  const [editing, setEditing] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  async function setDisabled(member: MemberView, disabled: boolean) {
    setBusy(member.email);
    const result = await setMemberDisabledAction({ email: member.email, disabled });
    setBusy(null);
    if (result.ok) toast.success(disabled ? `${member.email} is disabled` : `${member.email} is enabled again`);
    else toast.error(result.message);
  }

  return (
    <div role="region" aria-label="Members" tabIndex={0} className="overflow-x-auto rounded-md border border-slate-200">
      <table className="w-full min-w-[56rem] text-left text-sm">
        <caption className="sr-only">Members of the organisation</caption>
        <thead className="bg-slate-50 text-xs font-semibold uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2.5">Member</th>
            <th scope="col" className="px-3 py-2.5">Kind</th>
            <th scope="col" className="px-3 py-2.5">App roles</th>
            <th scope="col" className="px-3 py-2.5">Approver groups</th>
            <th scope="col" className="px-3 py-2.5">Standing role groups</th>
            <th scope="col" className="px-3 py-2.5">Status</th>
            {canManage && (
              <th scope="col" className="px-3 py-2.5">
                Actions
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {members.map((member) => {
            const self = member.userId === selfId;
            return (
              <Fragment key={member.userId}>
                <tr className="border-t border-slate-200 align-top">
                  <th scope="row" className="px-3 py-2.5 font-normal">
                    <span className="block font-medium text-slate-900">
                      {member.name ?? member.email}
                      {self && <span className="ml-1 text-xs font-normal text-slate-600">(you)</span>}
                    </span>
                    <span className="block text-xs text-slate-600">{member.email}</span>
                  </th>
                  <td className="px-3 py-2.5 text-slate-700">{member.kind === "guest" ? "Guest" : "Member"}</td>
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
                  <td className="px-3 py-2.5 text-slate-700">{member.approverGroups.join(", ") || <span className="text-slate-600">—</span>}</td>
                  <td className="px-3 py-2.5 text-slate-700">
                    {member.standingRoleGroups.join(", ") || <span className="text-slate-600">—</span>}
                  </td>
                  <td className="px-3 py-2.5">
                    <span className="flex flex-wrap gap-1">
                      {member.disabled ? <Badge tone="red">Disabled</Badge> : <Badge tone="green">Active</Badge>}
                      {member.excludedFromPam && <Badge tone="amber">Excluded</Badge>}
                    </span>
                  </td>
                  {canManage && (
                    <td className="px-3 py-1.5">
                      <span className="flex flex-wrap gap-1.5">
                        <Button
                          variant="secondary"
                          aria-expanded={editing === member.email}
                          onClick={() => setEditing(editing === member.email ? null : member.email)}
                        >
                          Roles<span className="sr-only"> of {member.email}</span>
                        </Button>
                        {member.disabled ? (
                          <Button variant="secondary" disabled={busy === member.email} onClick={() => setDisabled(member, false)}>
                            Enable<span className="sr-only"> {member.email}</span>
                          </Button>
                        ) : (
                          !self && (
                            <ConfirmButton
                              title={`Disable ${member.email}?`}
                              body="They can no longer sign in, their sessions end at their next request and their API tokens stop working. Their history stays. You can enable them again."
                              confirmLabel="Disable member"
                              disabled={busy === member.email}
                              onConfirm={() => setDisabled(member, true)}
                            >
                              Disable<span className="sr-only"> {member.email}</span>
                            </ConfirmButton>
                          )
                        )}
                      </span>
                    </td>
                  )}
                </tr>
                {canManage && editing === member.email && (
                  <tr className="bg-slate-50">
                    <td colSpan={7} className="px-3 py-4">
                      <MemberRolesForm email={member.email} roles={member.roles} onDone={() => setEditing(null)} />
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
