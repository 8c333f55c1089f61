"use client";

import { addMemberAction } from "@/app/(app)/members/actions";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { useActionForm } from "@/components/use-action";
import { GuestCheckbox } from "./guest-checkbox";
import { RoleCheckboxes } from "./role-checkboxes";
import { type RoleGroupOption, RoleGroupPicker } from "./role-group-picker";

/** Adds one person: they may sign in from now on, and are emailed an invitation with a sign-in link. */
export function AddMemberForm({ roleGroups, onDone }: { roleGroups: RoleGroupOption[]; onDone: () => void }) {
  const { formProps, pending, errors } = useActionForm(addMemberAction, { onSuccess: onDone });
  return (
    <form {...formProps} className="space-y-4" noValidate aria-label="Add member">
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          id="add-member-email"
          name="email"
          label="Email"
          type="email"
          autoComplete="off"
          maxLength={254}
          required
          hint="They sign in with this address; the invitation goes there."
          errors={errors?.email}
        />
        <TextField
          id="add-member-name"
          name="name"
          label="Name (optional)"
          autoComplete="off"
          maxLength={200}
          errors={errors?.name}
        />
      </div>
      <RoleCheckboxes legend="App roles" roles={[]} errors={errors?.roles} />
      <RoleGroupPicker legend="Standing role groups" options={roleGroups} selected={[]} errors={errors?.roleGroups} />
      <GuestCheckbox defaultChecked={false} errors={errors?.guest} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Adding…" : "Add and invite"}
        </Button>
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
