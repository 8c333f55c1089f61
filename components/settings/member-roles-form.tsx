"use client";

import { useId } from "react";
import { updateMemberRolesAction } from "@/app/(app)/settings/actions";
import { Button } from "@/components/ui/button";
import type { AppRole } from "@/db/schema";
import { APP_ROLE_LABELS } from "@/lib/auth/roles";
import { useKeptForm } from "./use-kept-form";

const ROLE_HINTS: Record<AppRole, string> = {
  global_admin: "Everything, including members and their roles.",
  role_management: "Policies, approver groups and PAM settings.",
  auditor: "Reads the audit log and verifies the chain.",
};

/** A member's app roles as checkboxes: ticking none makes them a plain requestor again. */
export function MemberRolesForm({ email, roles, onDone }: { email: string; roles: AppRole[]; onDone: () => void }) {
  const id = useId();
  const { formAction, ref, onSubmit, pending, errors } = useKeptForm(updateMemberRolesAction, { onSuccess: onDone });
  return (
    <form ref={ref} action={formAction} onSubmit={onSubmit} className="space-y-3" noValidate>
      <input type="hidden" name="email" value={email} />
      <fieldset aria-describedby={`${id}-error`}>
        <legend className="text-sm font-medium text-slate-800">App roles of {email}</legend>
        <div className="mt-2 grid gap-2 sm:grid-cols-3">
          {(Object.keys(APP_ROLE_LABELS) as AppRole[]).map((role) => (
            <div key={role} className="flex items-start gap-2">
              <input
                id={`${id}-${role}`}
                type="checkbox"
                name="roles"
                value={role}
                defaultChecked={roles.includes(role)}
                aria-describedby={`${id}-${role}-hint`}
                className="mt-1 h-4 w-4"
              />
              <div>
                <label htmlFor={`${id}-${role}`} className="text-sm font-medium text-slate-800">
                  {APP_ROLE_LABELS[role]}
                </label>
                <p id={`${id}-${role}-hint`} className="text-xs text-slate-600">
                  {ROLE_HINTS[role]}
                </p>
              </div>
            </div>
          ))}
        </div>
        <p id={`${id}-error`} aria-live="polite" className="mt-1 text-sm text-red-700 empty:hidden">
          {errors?.roles?.join(" ")}
        </p>
      </fieldset>
      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save roles"}
        </Button>
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
