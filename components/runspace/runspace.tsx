"use client";

import { useState } from "react";
import { EmptyState } from "@/components/ui/empty-state";
import type { RunnableTask } from "@/lib/runspace/describe-tasks";
import { TaskPanel } from "./task-panel";
import { TaskPicker } from "./task-picker";

/**
 * The runspace screen: pick a task on one side, fill and run it on the other. The chosen task lives
 * in the address (`?task=`), so a link from elsewhere ("run it now") lands on its form.
 */
export function Runspace({ tasks, initialTask }: { tasks: RunnableTask[]; initialTask?: string }) {
  const [selected, setSelected] = useState(() => tasks.find((task) => task.name === initialTask)?.name ?? null);
  const task = tasks.find((t) => t.name === selected);

  function select(next: RunnableTask) {
    setSelected(next.name);
    window.history.replaceState(null, "", `?task=${encodeURIComponent(next.name)}`);
    // On a phone the form is below the list: take focus (and the reader) to it.
    requestAnimationFrame(() => document.getElementById("task-heading")?.focus());
  }

  return (
    <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-[18rem_minmax(0,1fr)] xl:grid-cols-[22rem_minmax(0,1fr)]">
      <TaskPicker tasks={tasks} selected={selected} onSelect={select} />
      <div className="min-w-0">
        {task ? (
          <TaskPanel key={`${task.scope}/${task.name}`} task={task} />
        ) : (
          <EmptyState title={initialTask ? `There is no task named ${initialTask} in the runspace` : "Choose a task to run"}>
            Pick a task from the list: its parameters appear here. Tasks marked “Needs a request” run once an approver grants you a
            window.
          </EmptyState>
        )}
      </div>
    </div>
  );
}
