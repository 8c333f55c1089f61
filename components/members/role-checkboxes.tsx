"use client";

import { useId } from "react";
import type { AppRole } from "@/db/schema";
import { APP_ROLE_LABELS } from "@/lib/auth/roles";

const ROLE_HINTS: Record<AppRole, string> = {
  global_admin: "Everything, including members and their roles.",
  role_management: "Policies, approver groups and PAM settings.",
  auditor: "Reads the audit log and verifies the chain.",
};

/** A member's app roles as checkboxes (name `roles`): ticking none makes them a plain requestor. */
export function RoleCheckboxes({ legend, roles, errors }: { legend: string; roles: AppRole[]; errors?: string[] }) {
  const id = useId();
  return (
    <fieldset aria-describedby={`${id}-error`}>
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
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
              aria-invalid={errors?.length ? true : undefined}
              className="mt-1 h-4 w-4 shrink-0"
            />
            <div className="min-w-0">
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
        {errors?.join(" ")}
      </p>
    </fieldset>
  );
}
