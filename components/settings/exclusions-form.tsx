"use client";

import { updateExclusionsAction } from "@/app/(app)/settings/actions";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { MemberPicker, type PickableMember } from "./member-picker";
import { useKeptForm } from "./use-kept-form";

/** Excluded (system) accounts bypass PAM; each one added or removed is audited on its own. */
export function ExclusionsForm({ members, excluded }: { members: PickableMember[]; excluded: string[] }) {
  const { formAction, ref, onSubmit, pending, errors } = useKeptForm(updateExclusionsAction);
  return (
    <Card title="Excluded accounts">
      <p className="mb-4 max-w-2xl text-sm text-slate-700">
        Service accounts that must keep running without approval. Their tasks are allowed on standing roles alone and audited
        as excluded. {excluded.length === 0 ? "No account is excluded." : `Excluded now: ${excluded.join(", ")}.`} Review this list
        regularly.
      </p>
      <form ref={ref} action={formAction} onSubmit={onSubmit} className="space-y-4" noValidate>
        <MemberPicker
          name="excludedAccounts"
          legend="Accounts excluded from PAM"
          members={members}
          selected={excluded}
          errors={errors?.excludedAccounts}
        />
        <Button type="submit" variant="secondary" disabled={pending}>
          {pending ? "Saving…" : "Save exclusions"}
        </Button>
      </form>
    </Card>
  );
}
