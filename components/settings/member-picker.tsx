"use client";

import { useId, useState } from "react";

export interface PickableMember {
  email: string;
  name: string | null;
  /** Shown beside the name: "guest", "disabled"... */
  note?: string;
}

/**
 * A multi-select of members as a list of labelled checkboxes (keyboard and screen-reader friendly,
 * unlike a `<select multiple>`), with a filter once the list is long. Every checkbox stays in the
 * form while filtered out, so filtering never drops a choice.
 */
export function MemberPicker({
  name,
  legend,
  hint,
  members,
  selected,
  errors,
}: {
  name: string;
  legend: string;
  hint?: string;
  members: PickableMember[];
  selected: string[];
  errors?: string[];
}) {
  const id = useId();
  const [filter, setFilter] = useState("");
  const needle = filter.trim().toLowerCase();
  const visible = (m: PickableMember) => !needle || `${m.name ?? ""} ${m.email}`.toLowerCase().includes(needle);
  const shown = members.filter(visible).length;
  const describedBy = [hint ? `${id}-hint` : null, `${id}-error`].filter(Boolean).join(" ");
  return (
    <fieldset aria-describedby={describedBy}>
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      {hint && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">
          {hint}
        </p>
      )}
      {members.length > 8 && (
        <input
          type="search"
          aria-label={`Filter ${legend.toLowerCase()}`}
          placeholder="Filter by name or email"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
          className="mt-2 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
        />
      )}
      <ul className="mt-2 max-h-64 divide-y divide-slate-100 overflow-y-auto rounded-md border border-slate-200 bg-white">
        {members.map((member) => {
          const inputId = `${id}-${member.email}`;
          return (
            <li key={member.email} hidden={!visible(member)} className="flex items-start gap-3 px-3 py-2 hover:bg-slate-50">
              <input
                id={inputId}
                type="checkbox"
                name={name}
                value={member.email}
                defaultChecked={selected.includes(member.email)}
                className="mt-1 h-4 w-4"
              />
              <label htmlFor={inputId} className="min-w-0 flex-1 cursor-pointer text-sm">
                <span className="block font-medium text-slate-900">
                  {member.name ?? member.email}
                  {member.note && <span className="ml-2 text-xs font-normal text-slate-600">({member.note})</span>}
                </span>
                <span className="block truncate text-xs text-slate-600">{member.email}</span>
              </label>
            </li>
          );
        })}
        {shown === 0 && <li className="px-3 py-2 text-sm text-slate-600">Nobody matches “{filter}”.</li>}
      </ul>
      <p id={`${id}-error`} aria-live="polite" className="mt-1 text-sm text-red-700 empty:hidden">
        {errors?.join(" ")}
      </p>
    </fieldset>
  );
}
