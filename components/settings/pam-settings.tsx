"use client";

import { useState } from "react";
import { setPamEnabledAction, updateDefaultGroupAction } from "@/app/(app)/settings/actions";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { SelectField } from "@/components/ui/field";
import { toast } from "@/components/ui/toasts";
import { useKeptForm } from "./use-kept-form";

/** PAM on or off (turning it off asks first), and the approver group new policies default to. */
export function PamSettings({
  pamEnabled,
  defaultApproverGroup,
  groups,
}: {
  pamEnabled: boolean;
  defaultApproverGroup: string | null;
  groups: string[];
}) {
  const [switching, setSwitching] = useState(false);
  const { formAction, ref, onSubmit, pending, errors } = useKeptForm(updateDefaultGroupAction);

  async function setPam(on: boolean) {
    setSwitching(true);
    const result = await setPamEnabledAction({ pamEnabled: on });
    setSwitching(false);
    if (result.ok) toast.success(on ? "PAM is on: policies apply again" : "PAM is off: only standing roles count");
    else toast.error(result.message);
  }

  return (
    <Card title="Privileged access management">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="max-w-xl text-sm text-slate-700">
          <p className="flex items-center gap-2 font-medium text-slate-900">
            PAM is {pamEnabled ? <Badge tone="green">On</Badge> : <Badge tone="amber">Off</Badge>}
          </p>
          <p className="mt-1">
            {pamEnabled
              ? "Tasks covered by a policy run only inside an approved, time-bound window."
              : "Only standing roles count. Policies and approver groups are kept and apply again when PAM is turned on."}
          </p>
        </div>
        {pamEnabled ? (
          <ConfirmButton
            title="Turn PAM off?"
            body="Every task then runs on standing roles alone: no approval, no time limit. Policies and approver groups are kept. The change is audited."
            confirmLabel="Turn PAM off"
            onConfirm={() => setPam(false)}
            disabled={switching}
          >
            Turn PAM off
          </ConfirmButton>
        ) : (
          <Button onClick={() => setPam(true)} disabled={switching}>
            Turn PAM on
          </Button>
        )}
      </div>
      <form ref={ref} action={formAction} onSubmit={onSubmit} className="mt-5 flex flex-wrap items-start gap-3 border-t border-slate-100 pt-5" noValidate>
        <SelectField
          name="defaultApproverGroup"
          label="Default approver group"
          hint="New policies use it unless they name another group."
          className="min-w-64 flex-1 sm:max-w-sm"
          defaultValue={defaultApproverGroup ?? ""}
          errors={errors?.defaultApproverGroup}
          options={[
            ...(defaultApproverGroup ? [] : [{ value: "", label: "Choose a group" }]),
            ...groups.map((group) => ({ value: group, label: group })),
          ]}
        />
        <Button type="submit" variant="secondary" disabled={pending} className="sm:mt-6">
          {pending ? "Saving…" : "Save default group"}
        </Button>
      </form>
    </Card>
  );
}
