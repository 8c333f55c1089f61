"use client";

import Link from "next/link";
import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { runTaskAction } from "@/app/(app)/runspace/actions";
import { LocalTime, RelativeTime } from "@/components/time/local-time";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { toast } from "@/components/ui/toasts";
import type { FieldErrors } from "@/lib/errors";
import { nextStepAfter } from "@/lib/runspace/cmdlet-error";
import type { RunnableTask } from "@/lib/runspace/describe-tasks";
import { AccessBadge } from "./access-badge";
import { BlockedNotice, requestAccessHref } from "./blocked-notice";
import { ParameterField } from "./parameter-field";
import { parametersFrom } from "./parameter-values";
import { RunResult } from "./run-result";

type Outcome =
  | { kind: "succeeded"; result: unknown; ranAt: string; parameters: Record<string, unknown> }
  | { kind: "blocked"; code: string; message: string }
  | { kind: "invalid"; message: string; errors: FieldErrors }
  | { kind: "failed"; code: string; message: string };

/** One task: what access says, its parameters as a form, and the outcome of the last run. */
export function TaskPanel({ task }: { task: RunnableTask }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const form = useRef<HTMLFormElement>(null);
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const names = Object.keys(task.parameters.properties);
  const required = names.filter((name) => task.parameters.required.includes(name));
  const optional = names.filter((name) => !task.parameters.required.includes(name));
  const errors = outcome?.kind === "invalid" ? outcome.errors : undefined;
  // Errors the form has no field for (an unknown parameter, the whole input): said above the button.
  const otherErrors = errors ? Object.entries(errors).filter(([name]) => !names.includes(name)) : [];
  // `no-grant` is the decision's word for "a policy covers it and you have no window": requestable.
  const requestable = task.access.code === "no-grant";
  const picker = { scope: task.scope, task: task.name, available: task.access.allowed };

  // After a run the keyboard goes to what it answered: the first invalid field, or the result.
  const resultHeading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (outcome?.kind === "invalid") form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    else if (outcome) resultHeading.current?.focus();
  }, [outcome]);

  async function run(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parameters = parametersFrom(new FormData(event.currentTarget), task.parameters);
    setPending(true);
    try {
      const result = await runTaskAction({ scope: task.scope, task: task.name, parameters });
      // A run may have added or removed what the pickers offer (a removed journal rule, say).
      void queryClient.invalidateQueries({ queryKey: ["workload-objects"] });
      if (result.ok) {
        setOutcome({ kind: "succeeded", result: result.data.result, ranAt: new Date().toISOString(), parameters });
        toast.success(`${task.name} succeeded`);
      } else if (result.code.startsWith("forbidden:")) {
        setOutcome({ kind: "blocked", code: result.code, message: result.message });
        // What the picker shows may be out of date (a window ended or was revoked): read it again.
        router.refresh();
      } else if (result.errors) {
        setOutcome({ kind: "invalid", message: result.message, errors: result.errors });
      } else {
        setOutcome({ kind: "failed", code: result.code, message: result.message });
      }
    } catch {
      toast.error("The runspace could not be reached. Check your connection and try again.");
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="space-y-4">
      <Card>
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div className="min-w-0">
            <p className="text-xs font-medium uppercase tracking-wide text-slate-600">{task.scope}</p>
            <h2 id="task-heading" tabIndex={-1} className="font-mono text-xl font-semibold text-slate-900 wrap-anywhere focus:outline-none">
              {task.name}
            </h2>
          </div>
          <AccessBadge access={task.access} />
        </div>
        {task.description && <p className="mt-2 text-sm text-slate-700">{task.description}</p>}
        {task.roles.length > 0 && <p className="mt-1 text-xs text-slate-600">In {task.roles.length === 1 ? "role" : "roles"}: {task.roles.join(", ")}</p>}
        <p className="mt-3 text-sm text-slate-700" data-testid="task-access">
          {task.access.reason}
          {task.access.code === "grant" && task.access.endsAt && (
            <>
              {" "}
              Your window <RelativeTime iso={task.access.endsAt} verb={{ future: "ends", past: "ended" }} absolute />.
            </>
          )}
          {requestable && (
            <>
              {" "}
              <Link href={requestAccessHref(task.name)} className="font-medium text-brand-700 underline hover:text-brand-900">
                Request access to {task.name}
              </Link>
            </>
          )}
        </p>
      </Card>

      <Card>
        <form ref={form} onSubmit={run} noValidate aria-labelledby="task-heading" className="space-y-5">
          {names.length === 0 && <p className="text-sm text-slate-700">{task.name} takes no parameters.</p>}
          {(
            [
              ["Required parameters", required],
              ["Optional parameters", optional],
            ] as const
          ).map(([legend, group]) =>
            group.length ? (
              <fieldset key={legend} className="space-y-3">
                <legend className="text-sm font-semibold text-slate-900">{legend}</legend>
                <div className="grid gap-4 sm:grid-cols-2">
                  {group.map((name) => (
                    <ParameterField
                      key={name}
                      name={name}
                      parameter={task.parameters.properties[name]!}
                      required={task.parameters.required.includes(name)}
                      errors={errors?.[name]}
                      picker={picker}
                    />
                  ))}
                </div>
              </fieldset>
            ) : null,
          )}
          {outcome?.kind === "invalid" && (
            <div role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
              <p className="font-medium">Some parameters are not valid: see the messages next to them.</p>
              {otherErrors.length > 0 && (
                <ul className="mt-1 list-disc pl-5">
                  {otherErrors.map(([name, messages]) => (
                    <li key={name}>
                      {name === "input" ? "" : `${name}: `}
                      {messages.join(" ")}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
          <div className="flex flex-wrap gap-2">
            <Button type="submit" disabled={pending}>
              {pending ? "Running…" : `Run ${task.name}`}
            </Button>
            <Button type="reset" variant="secondary" disabled={pending} onClick={() => setOutcome(null)}>
              Reset
            </Button>
          </div>
        </form>
      </Card>

      {outcome && outcome.kind !== "invalid" && (
        <section aria-labelledby="result-heading" className="rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
          <h2 id="result-heading" ref={resultHeading} tabIndex={-1} className="mb-3 text-base font-semibold text-slate-900">
            Result
          </h2>
          {outcome.kind === "succeeded" && (
            <>
              <p role="status" className="mb-3 text-sm text-slate-700">
                <span className="font-medium text-green-800">Succeeded</span> at <LocalTime iso={outcome.ranAt} style="time" />. The run is
                in the audit log.
              </p>
              <RunResult task={task.name} result={outcome.result} parameters={outcome.parameters} schema={task.parameters} />
            </>
          )}
          {outcome.kind === "blocked" && (
            <BlockedNotice task={task.name} code={outcome.code} message={outcome.message} coveredByPolicy={outcome.code === "forbidden:no-grant"} />
          )}
          {outcome.kind === "failed" && (
            <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-4 text-sm text-red-900">
              <p className="font-semibold">{task.name} failed</p>
              <p className="mt-1 font-mono text-xs wrap-anywhere sm:text-sm">{outcome.message}</p>
              <p className="mt-2">
                <span className="font-medium">What to do:</span> {nextStepAfter({ task: task.name, code: outcome.code, parameters: task.parameters })}
              </p>
              <p className="mt-1">Nothing it started was kept. The attempt is in the audit log.</p>
            </div>
          )}
        </section>
      )}
    </div>
  );
}
