"use client";

import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import type { ApproverGroupView } from "@/lib/approver-groups/list-approver-groups";
import { ApproverGroupDeleteButton } from "./approver-group-delete-button";
import { ApproverGroupForm } from "./approver-group-form";
import type { PickableMember } from "./member-picker";

/**
 * The approver groups with their members. One form is open at a time (a new group or one group's
 * edit), so field ids and labels stay unique on the page.
 */
export function ApproverGroups({ groups, members }: { groups: ApproverGroupView[]; members: PickableMember[] }) {
  const [editing, setEditing] = useState<string | null>(null);
  const close = () => setEditing(null);
  return (
    <Card title="Approver groups">
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <p className="max-w-2xl text-sm text-slate-700">
          Policies name a group; any of its members may approve. Membership alone makes an approver: no admin role needed.
        </p>
        {editing !== "new" && (
          <Button variant="secondary" onClick={() => setEditing("new")}>
            New approver group
          </Button>
        )}
      </div>
      {editing === "new" && (
        <div className="mb-4 rounded-md border border-brand-100 bg-brand-50/40 p-4">
          <h3 className="mb-3 text-sm font-semibold text-slate-900">New approver group</h3>
          <ApproverGroupForm members={members} onDone={close} />
        </div>
      )}
      {groups.length === 0 ? (
        <EmptyState title="No approver groups yet">Create one, then name it on policies or make it the default.</EmptyState>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-md border border-slate-200">
          {groups.map((group) => (
            <li key={group.id} className="p-4" aria-label={group.name}>
              {editing === group.id ? (
                <>
                  <h3 className="mb-3 text-sm font-semibold text-slate-900">Edit {group.name}</h3>
                  <ApproverGroupForm group={group} members={members} onDone={close} />
                </>
              ) : (
                <GroupSummary group={group} onEdit={() => setEditing(group.id)} />
              )}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function GroupSummary({ group, onEdit }: { group: ApproverGroupView; onEdit: () => void }) {
  return (
    <div className="flex flex-wrap items-start justify-between gap-3">
      <div className="min-w-0 space-y-1">
        <h3 className="flex flex-wrap items-center gap-2 text-sm font-semibold text-slate-900">
          {group.name}
          {group.isDefault && <Badge tone="brand">Default</Badge>}
          {group.approvers === 0 && <Badge tone="amber">Nobody can approve</Badge>}
        </h3>
        {group.description && <p className="text-sm text-slate-600">{group.description}</p>}
        {group.members.length === 0 ? (
          <p className="text-sm text-slate-600">No members: requests of its policies cannot be approved.</p>
        ) : (
          <ul aria-label={`Members of ${group.name}`} className="flex flex-wrap gap-1.5 pt-1">
            {group.members.map((email) => (
              <li key={email} className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700">
                {email}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="flex shrink-0 gap-2">
        <Button variant="secondary" onClick={onEdit}>
          Edit<span className="sr-only"> {group.name}</span>
        </Button>
        <ApproverGroupDeleteButton group={group} />
      </div>
    </div>
  );
}
