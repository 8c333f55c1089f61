"use client";

import { saveApproverGroupAction } from "@/app/(app)/settings/actions";
import { Button } from "@/components/ui/button";
import { TextAreaField, TextField } from "@/components/ui/field";
import type { ApproverGroupView } from "@/lib/approver-groups/list-approver-groups";
import { MemberPicker, type PickableMember } from "./member-picker";
import { useKeptForm } from "./use-kept-form";

/**
 * Creates a group, or edits one's name, description and members. Policies point at a group by id,
 * so a rename carries them along; no two groups share a name, whatever its case.
 */
export function ApproverGroupForm({
  group,
  members,
  onDone,
}: {
  group?: ApproverGroupView;
  members: PickableMember[];
  onDone: () => void;
}) {
  const { formAction, ref, onSubmit, pending, errors } = useKeptForm(saveApproverGroupAction, { onSuccess: onDone });
  return (
    <form ref={ref} action={formAction} onSubmit={onSubmit} className="space-y-4" noValidate aria-label={group ? `Edit ${group.name}` : "New approver group"}>
      {group && <input type="hidden" name="id" value={group.id} />}
      <TextField
        name="name"
        id="group-name"
        label="Group name"
        autoComplete="off"
        maxLength={100}
        defaultValue={group?.name}
        hint={group ? "Policies follow the group when it is renamed." : undefined}
        errors={errors?.name}
        required
      />
      <TextAreaField
        name="description"
        label="Description"
        rows={2}
        maxLength={500}
        hint="What the group approves, for the people choosing it on a policy."
        defaultValue={group?.description}
        errors={errors?.description}
      />
      <MemberPicker
        name="members"
        legend="Members"
        hint="Every member is emailed about new requests of the policies that name this group. Guests never approve, so they are not listed."
        members={members}
        selected={group?.members ?? []}
        errors={errors?.members}
      />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : group ? "Save group" : "Create group"}
        </Button>
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
