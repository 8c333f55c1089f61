"use client";

import { useState } from "react";
import { cn } from "@/components/ui/cn";
import type { RunnableTask } from "@/lib/runspace/describe-tasks";
import { type AccessGroup, AccessBadge, accessGroupOf } from "./access-badge";

const groups: { key: AccessGroup; title: string }[] = [
  { key: "ready", title: "Ready to run" },
  { key: "request", title: "Needs a request" },
  { key: "unavailable", title: "Not in your roles" },
];

function matches(task: RunnableTask, query: string) {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const haystack = [task.name, task.scope, task.description, ...task.roles].join(" ").toLowerCase();
  return words.every((word) => haystack.includes(word));
}

/** Every task, searchable, grouped by what access says now: the first question is "can I run it?". */
export function TaskPicker({
  tasks,
  selected,
  onSelect,
}: {
  tasks: RunnableTask[];
  selected: string | null;
  onSelect: (task: RunnableTask) => void;
}) {
  const [query, setQuery] = useState("");
  const shown = tasks.filter((task) => matches(task, query));
  return (
    <section aria-labelledby="task-picker-heading" className="min-w-0 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <h2 id="task-picker-heading" className="text-base font-semibold text-slate-900">
        Tasks
      </h2>
      <label htmlFor="task-search" className="mt-3 block text-sm font-medium text-slate-800">
        Search tasks
      </label>
      <input
        id="task-search"
        type="search"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        placeholder="Name, role or description"
        aria-describedby="task-search-count"
        autoComplete="off"
        className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm"
      />
      <p id="task-search-count" aria-live="polite" className="mt-1 text-xs text-slate-600">
        {query ? `${shown.length} of ${tasks.length} tasks match.` : `${tasks.length} tasks.`}
      </p>
      {shown.length === 0 && (
        <p className="mt-4 rounded-md border border-dashed border-slate-300 p-4 text-center text-sm text-slate-700 wrap-anywhere">
          No task matches “{query}”. Try part of a name, such as “Mailbox”, or a role.
        </p>
      )}
      <div className="mt-3 space-y-4 lg:max-h-[calc(100vh-16rem)] lg:overflow-y-auto lg:pr-1">
        {groups.map(({ key, title }) => {
          const inGroup = shown.filter((task) => accessGroupOf(task.access) === key);
          if (inGroup.length === 0) return null;
          return (
            <div key={key}>
              <h3 id={`task-group-${key}`} className="text-xs font-semibold uppercase tracking-wide text-slate-600">
                {title} <span className="font-normal">({inGroup.length})</span>
              </h3>
              <ul aria-labelledby={`task-group-${key}`} className="mt-1 space-y-1">
                {inGroup.map((task) => {
                  const current = task.name === selected;
                  return (
                    <li key={`${task.scope}/${task.name}`}>
                      <button
                        type="button"
                        onClick={() => onSelect(task)}
                        aria-current={current ? "true" : undefined}
                        className={cn(
                          "w-full rounded-md px-3 py-2 text-left ring-1 ring-inset transition-colors",
                          current ? "bg-brand-50 ring-brand-600" : "ring-transparent hover:bg-slate-50 hover:ring-slate-200",
                        )}
                      >
                        <span className="flex flex-wrap items-center justify-between gap-x-2 gap-y-1">
                          <span className="min-w-0 font-mono text-sm font-medium text-slate-900 wrap-anywhere">{task.name}</span>
                          <AccessBadge access={task.access} />
                        </span>
                        {task.description && <span className="mt-0.5 block truncate text-xs text-slate-600">{task.description}</span>}
                      </button>
                    </li>
                  );
                })}
              </ul>
            </div>
          );
        })}
      </div>
    </section>
  );
}
