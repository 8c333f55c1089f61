"use client";

import { updateMemberAction } from "@/app/(app)/members/actions";
import { Button } from "@/components/ui/button";
import { useActionForm } from "@/components/use-action";
import type { MemberView } from "@/lib/members/list-members";
import { GuestCheckbox } from "./guest-checkbox";
import { RoleCheckboxes } from "./role-checkboxes";
import { type RoleGroupOption, RoleGroupPicker } from "./role-group-picker";

/** A member's app roles, standing role groups and guest flag, saved together. */
export function MemberEditForm({
  member,
  roleGroups,
  onDone,
}: {
  member: MemberView;
  roleGroups: RoleGroupOption[];
  onDone: () => void;
}) {
  const { formProps, pending, errors } = useActionForm(updateMemberAction, { onSuccess: onDone });
  return (
    <form {...formProps} className="space-y-4" noValidate aria-label={`Edit ${member.email}`}>
      <input type="hidden" name="email" value={member.email} />
      <RoleCheckboxes legend={`App roles of ${member.email}`} roles={member.roles} errors={errors?.roles} />
      <RoleGroupPicker
        legend={`Standing role groups of ${member.email}`}
        options={roleGroups}
        selected={member.standingRoleGroups}
        errors={errors?.roleGroups}
      />
      <GuestCheckbox defaultChecked={member.guest} errors={errors?.guest} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save member"}
        </Button>
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
