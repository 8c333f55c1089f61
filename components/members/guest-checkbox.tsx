"use client";

import { useId } from "react";

/** The guest flag (name `guest`, value `true` when ticked), with what it means beside it. */
export function GuestCheckbox({ defaultChecked, errors }: { defaultChecked: boolean; errors?: string[] }) {
  const id = useId();
  return (
    <div>
      <div className="flex items-start gap-2">
        <input
          id={id}
          type="checkbox"
          name="guest"
          value="true"
          defaultChecked={defaultChecked}
          aria-describedby={`${id}-hint ${id}-error`}
          aria-invalid={errors?.length ? true : undefined}
          className="mt-1 h-4 w-4 shrink-0"
        />
        <div>
          <label htmlFor={id} className="text-sm font-medium text-slate-800">
            Guest
          </label>
          <p id={`${id}-hint`} className="text-xs text-slate-600">
            Someone from outside the organisation: may request access, never approves, holds no admin role.
          </p>
        </div>
      </div>
      <p id={`${id}-error`} aria-live="polite" className="mt-1 text-sm text-red-700 empty:hidden">
        {errors?.join(" ")}
      </p>
    </div>
  );
}
