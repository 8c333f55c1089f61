"use client";

import { useId, useState } from "react";

export interface RoleGroupOption {
  name: string;
  description: string;
  scope: string;
}

/**
 * Standing role groups as labelled checkboxes (name `roleGroups`), grouped by scope, with a filter
 * once the list is long: a multi-select that keyboards and screen readers handle, unlike
 * `<select multiple>`. Filtered-out boxes stay in the form, so filtering never drops a choice.
 */
export function RoleGroupPicker({
  legend,
  options,
  selected,
  errors,
}: {
  legend: string;
  options: RoleGroupOption[];
  selected: string[];
  errors?: string[];
}) {
  const id = useId();
  const [filter, setFilter] = useState("");
  const needle = filter.trim().toLowerCase();
  const visible = (o: RoleGroupOption) => !needle || `${o.name} ${o.scope}`.toLowerCase().includes(needle);
  const scopes = [...new Set(options.map((o) => o.scope))];
  const shown = options.filter(visible).length;
  return (
    <fieldset aria-describedby={`${id}-hint ${id}-error`}>
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">
        Their ordinary permissions in the workload: what they may run when no policy applies.
      </p>
      {options.length > 8 && (
        <input
          type="search"
          aria-label={`Filter ${legend.toLowerCase()}`}
          placeholder="Filter role groups"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
          className="mt-2 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
        />
      )}
      <div className="mt-2 max-h-64 overflow-y-auto rounded-md border border-slate-200 bg-white">
        {options.length === 0 && <p className="px-3 py-2 text-sm text-slate-600">The catalog has no role groups.</p>}
        {scopes.map((scope, scopeIndex) => (
          <div key={scope} hidden={!options.some((o) => o.scope === scope && visible(o))}>
            {scopes.length > 1 && <p className="bg-slate-50 px-3 py-1 text-xs font-semibold text-slate-600">{scope}</p>}
            <ul className="divide-y divide-slate-100">
              {options
                .filter((o) => o.scope === scope)
                .map((option, index) => {
                  // Names hold spaces, which an id may not.
                  const inputId = `${id}-${scopeIndex}-${index}`;
                  return (
                    <li key={option.name} hidden={!visible(option)} className="flex items-start gap-3 px-3 py-2 hover:bg-slate-50">
                      <input
                        id={inputId}
                        type="checkbox"
                        name="roleGroups"
                        value={option.name}
                        defaultChecked={selected.includes(option.name)}
                        className="mt-1 h-4 w-4 shrink-0"
                      />
                      <label htmlFor={inputId} className="min-w-0 flex-1 cursor-pointer text-sm">
                        <span className="block font-medium text-slate-900">{option.name}</span>
                        {option.description && <span className="block text-xs text-slate-600">{option.description}</span>}
                      </label>
                    </li>
                  );
                })}
            </ul>
          </div>
        ))}
        {options.length > 0 && shown === 0 && <p className="px-3 py-2 text-sm text-slate-600">Nothing matches “{filter}”.</p>}
      </div>
      <p id={`${id}-error`} aria-live="polite" className="mt-1 text-sm text-red-700 empty:hidden">
        {errors?.join(" ")}
      </p>
    </fieldset>
  );
}
