"use client";

import { type KeyboardEvent, useId, useMemo, useState } from "react";
import { Badge } from "@/components/ui/badge";
import type { EligibleCandidate } from "@/lib/policies/list-eligible-candidates";
import { type RadioCardOption, RadioCards } from "./radio-cards";

type Mode = "everyone" | "chosen";

const modeOptions: RadioCardOption<Mode>[] = [
  { value: "everyone", label: "Every member", hint: "Everyone in the organisation may ask, except guests." },
  {
    value: "chosen",
    label: "Chosen groups and people",
    hint: "Only members of the approver groups picked below, and the people named. Others are not offered it.",
  },
];

const MAX_MATCHES = 8;

/**
 * The policy's "eligible" list: every member but guests, or approver groups (whose members at
 * request time may ask) and people by email. Posts `eligibleMode` and one `eligible` per entry.
 */
export function WhoMayRequest({
  groups,
  candidates,
  initial,
  errors,
}: {
  groups: { name: string }[];
  candidates: EligibleCandidate[];
  /** The policy's list as it is (group names and emails). */
  initial: string[];
  errors?: string[];
}) {
  const id = useId();
  const groupNames = useMemo(() => new Set(groups.map((group) => group.name)), [groups]);
  const [mode, setMode] = useState<Mode>(initial.length ? "chosen" : "everyone");
  const [chosenGroups, setChosenGroups] = useState(() => new Set(initial.filter((entry) => groupNames.has(entry))));
  const [people, setPeople] = useState(() => initial.filter((entry) => !groupNames.has(entry)));
  const [search, setSearch] = useState("");
  const byEmail = useMemo(() => new Map(candidates.map((candidate) => [candidate.email, candidate])), [candidates]);
  const needle = search.trim().toLowerCase();
  const matches = needle
    ? candidates
        .filter((c) => !people.includes(c.email) && `${c.email} ${c.name ?? ""}`.toLowerCase().includes(needle))
        .slice(0, MAX_MATCHES)
    : [];

  const add = (email: string) => {
    setPeople((current) => (current.includes(email) ? current : [...current, email]));
    setSearch("");
  };
  const toggleGroup = (name: string, on: boolean) =>
    setChosenGroups((current) => {
      const next = new Set(current);
      if (on) next.add(name);
      else next.delete(name);
      return next;
    });
  // Enter in the search box adds the first match instead of submitting the policy.
  const onSearchKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== "Enter") return;
    event.preventDefault();
    if (matches[0]) add(matches[0].email);
  };
  const errorId = "field-eligible-error";

  return (
    <div className="space-y-4">
      <RadioCards name="eligibleMode" legend="Who may request" options={modeOptions} value={mode} onChange={setMode} />
      {mode === "chosen" && (
        <div className="grid gap-4 sm:grid-cols-2">
          <fieldset aria-describedby={errors?.length ? errorId : undefined}>
            <legend className="text-sm font-medium text-slate-800">Approver groups</legend>
            <p className="text-xs text-slate-500">Their members may ask; someone added to a group later may ask from then on.</p>
            <div className="mt-2 space-y-1">
              {groups.map((group) => (
                <label key={group.name} className="flex items-center gap-2 text-sm text-slate-800">
                  <input
                    type="checkbox"
                    name="eligible"
                    value={group.name}
                    checked={chosenGroups.has(group.name)}
                    onChange={(event) => toggleGroup(group.name, event.target.checked)}
                    className="h-4 w-4"
                  />
                  {group.name}
                </label>
              ))}
              {groups.length === 0 && <p className="text-sm text-slate-600">No approver groups yet: add them in Settings.</p>}
            </div>
          </fieldset>
          <div>
            <label htmlFor={`${id}-search`} className="block text-sm font-medium text-slate-800">
              Add a member
            </label>
            <input
              id={`${id}-search`}
              type="search"
              value={search}
              onChange={(event) => setSearch(event.target.value)}
              onKeyDown={onSearchKey}
              placeholder="Name or email"
              autoComplete="off"
              aria-describedby={`${id}-search-hint`}
              className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm"
            />
            <p id={`${id}-search-hint`} className="mt-1 text-xs text-slate-500">
              A guest may ask only when named here: a group never makes a guest eligible.
            </p>
            {needle && (
              <ul aria-label="Matching members" className="mt-1 rounded-md ring-1 ring-slate-200">
                {matches.map((candidate) => (
                  <li key={candidate.email}>
                    <button
                      type="button"
                      onClick={() => add(candidate.email)}
                      className="flex w-full items-center gap-2 px-3 py-1.5 text-left text-sm hover:bg-slate-50 focus:bg-slate-50"
                    >
                      <span className="min-w-0 font-medium text-slate-900 wrap-anywhere">Add {candidate.email}</span>
                      {candidate.name && <span className="min-w-0 truncate text-slate-600">{candidate.name}</span>}
                      {candidate.guest && <Badge>Guest</Badge>}
                    </button>
                  </li>
                ))}
                {matches.length === 0 && <li className="px-3 py-1.5 text-sm text-slate-600">No member matches “{search.trim()}”.</li>}
              </ul>
            )}
            <ul aria-label="Named members" className="mt-2 space-y-1">
              {people.map((email) => (
                <li key={email} className="flex items-center gap-2 text-sm text-slate-800">
                  <input type="hidden" name="eligible" value={email} />
                  <span className="font-mono">{email}</span>
                  {byEmail.get(email)?.guest && <Badge>Guest</Badge>}
                  <button
                    type="button"
                    onClick={() => setPeople((current) => current.filter((entry) => entry !== email))}
                    aria-label={`Remove ${email}`}
                    className="ml-auto rounded px-2 text-xs font-medium text-slate-600 hover:bg-slate-100"
                  >
                    Remove
                  </button>
                </li>
              ))}
            </ul>
          </div>
        </div>
      )}
      <p id={errorId} aria-live="polite" className="text-sm text-red-700 empty:hidden">
        {errors?.join(" ")}
      </p>
    </div>
  );
}
