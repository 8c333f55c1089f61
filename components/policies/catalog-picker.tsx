"use client";

import { useId, useState } from "react";
import type { FieldErrors } from "@/lib/errors";
import type { ApiTargetType } from "@/lib/catalog/target-types";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { SelectField } from "@/components/ui/field";
import { type CatalogData, entriesOf } from "./coverage";
import { targetTypeNames } from "./format";
import { type RadioCardOption, RadioCards } from "./radio-cards";
import { TargetCoverage } from "./target-coverage";

const typeOptions: RadioCardOption<ApiTargetType>[] = [
  { value: "task", label: "Task", hint: "One task (cmdlet)." },
  { value: "role", label: "Role", hint: "Every task in the role." },
  { value: "roleGroup", label: "Role group", hint: "Every task of every role in the group." },
];
const pluralNames: Record<ApiTargetType, string> = { task: "tasks", role: "roles", roleGroup: "role groups" };

/**
 * Picks what a new policy covers: the scope (when the organisation has more than one: built-in
 * Exchange, external ones), the type, then a name from that catalog, filtered as the admin types.
 * The choice travels in hidden `scope`/`type`/`target` fields; targets that already have a policy
 * are shown but cannot be picked (one policy per target).
 */
export function CatalogPicker({
  catalogs,
  taken,
  errors,
}: {
  catalogs: CatalogData[];
  taken: { type: ApiTargetType; target: string; scope?: string }[];
  errors?: FieldErrors;
}) {
  const [scope, setScope] = useState(catalogs[0]?.scope ?? "");
  const [type, setType] = useState<ApiTargetType>("task");
  const [query, setQuery] = useState("");
  const [target, setTarget] = useState<string | null>(null);
  const id = useId();

  const catalog = catalogs.find((c) => c.scope === scope) ?? catalogs[0] ?? { scope: "", tasks: [], roles: [], roleGroups: [] };
  const entries = entriesOf(catalog, type);
  const needle = query.trim().toLowerCase();
  const shown = needle
    ? entries.filter((entry) => entry.name.toLowerCase().includes(needle) || entry.description.toLowerCase().includes(needle))
    : entries;
  const hasPolicy = new Set(
    taken.filter((policy) => policy.type === type && (policy.scope ?? catalog.scope) === catalog.scope).map((policy) => policy.target),
  );
  const targetError = errors?.target;

  return (
    <div className="space-y-5">
      <input type="hidden" name="target" value={target ?? ""} />
      {catalogs.length > 1 ? (
        <SelectField
          name="scope"
          id={`${id}-scope`}
          label="Scope"
          hint="The workload: a built-in one runs in Elevate's runspace; an external one asks Elevate before it runs its own tasks."
          options={catalogs.map((c) => ({ value: c.scope, label: c.scope }))}
          value={catalog.scope}
          onChange={(event) => {
            setScope(event.target.value);
            setTarget(null);
          }}
          errors={errors?.scope}
        />
      ) : (
        <>
          <input type="hidden" name="scope" value={catalog.scope} />
          {errors?.scope && (
            <p aria-live="polite" className="text-sm text-red-700">
              {errors.scope.join(" ")}
            </p>
          )}
        </>
      )}

      <RadioCards
        name="type"
        legend="Type"
        options={typeOptions}
        value={type}
        onChange={(value) => {
          setType(value);
          setTarget(null);
        }}
        errors={errors?.type}
      />

      <div>
        <label htmlFor={`${id}-search`} className="block text-sm font-medium text-slate-800">
          Search {pluralNames[type]}
        </label>
        <input
          id={`${id}-search`}
          type="search"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          aria-controls={`${id}-options`}
          aria-describedby={`${id}-count`}
          autoComplete="off"
          placeholder={type === "task" ? "New-JournalRule, mailbox…" : "Name or description"}
          className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm"
        />
        <p id={`${id}-count`} aria-live="polite" className="mt-1 text-xs text-slate-600">
          {shown.length} of {entries.length} {pluralNames[type]} shown
        </p>
      </div>

      <fieldset aria-describedby={targetError ? "field-target-error" : undefined}>
        <legend className="text-sm font-medium text-slate-800">{targetTypeNames[type]}</legend>
        <div
          id={`${id}-options`}
          className={cn(
            "mt-1 max-h-72 overflow-y-auto rounded-md bg-white ring-1",
            targetError ? "ring-red-600" : "ring-slate-300",
          )}
        >
          {shown.length === 0 ? (
            <p className="px-3 py-4 text-sm text-slate-600">
              No {targetTypeNames[type].toLowerCase()} matches “{query}”. Try part of the name, or another type.
            </p>
          ) : (
            <ul className="divide-y divide-slate-100">
              {shown.map((entry, index) => {
                const optionId = `${id}-option-${index}`;
                const covered = hasPolicy.has(entry.name);
                return (
                  <li
                    key={entry.name}
                    className={cn("relative flex items-start gap-3 px-3 py-2", target === entry.name ? "bg-brand-50" : "hover:bg-slate-50")}
                  >
                    <input
                      id={optionId}
                      type="radio"
                      name="targetChoice"
                      value={entry.name}
                      checked={target === entry.name}
                      disabled={covered}
                      onChange={() => setTarget(entry.name)}
                      aria-describedby={`${optionId}-description`}
                      className="relative z-10 mt-1"
                    />
                    <div className="min-w-0">
                      {/* The label stretches over the row so the whole row is one click target. */}
                      <label
                        htmlFor={optionId}
                        className={cn(
                          "font-mono text-sm after:absolute after:inset-0",
                          covered ? "cursor-not-allowed text-slate-600" : "cursor-pointer text-slate-900",
                        )}
                      >
                        {entry.name}
                      </label>
                      <p id={`${optionId}-description`} className="text-xs text-slate-600">
                        {[entry.description, entry.detail, covered ? "already has a policy" : ""].filter(Boolean).join(" · ")}
                      </p>
                    </div>
                    {covered && (
                      <span className="ml-auto shrink-0" aria-hidden="true">
                        <Badge>Has a policy</Badge>
                      </span>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        </div>
        <p id="field-target-error" aria-live="polite" className="mt-1 text-sm text-red-700 empty:hidden">
          {targetError?.join(" ")}
        </p>
      </fieldset>

      {target ? (
        <TargetCoverage catalog={catalog} type={type} name={target} />
      ) : (
        <p className="text-sm text-slate-600">Pick a {targetTypeNames[type].toLowerCase()} to see which tasks the policy will cover.</p>
      )}
    </div>
  );
}
