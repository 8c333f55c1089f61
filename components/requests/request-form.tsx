"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { createRequestAction } from "@/app/(app)/requests/actions";
import { focusWhenReady } from "@/components/focus-when-ready";
import { useTimeContext, useZone } from "@/components/time/local-time";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { TextAreaField, TextField } from "@/components/ui/field";
import { toast } from "@/components/ui/toasts";
import { useActionForm } from "@/components/use-action";
import type { RequestableTarget } from "@/lib/requests/list-requestable-targets";
import type { RequestView } from "@/lib/requests/request-view";
import { REASON_MAX_LENGTH } from "@/lib/requests/text-limits";
import { type TimeContext, formatEnd, formatWindow, fromDateTimeLocal } from "@/lib/time/format-time";

const typeLabel = { task: "Task", role: "Role", roleGroup: "Role group" } as const;

/**
 * The request form: only what some policy covers and names the person as eligible for, with that
 * policy's rules shown beside it (and, for a window that only unlocks, which tasks it would unlock).
 */
export function RequestForm({ targets, initial }: { targets: RequestableTarget[]; initial?: { target?: string; type?: string } }) {
  const router = useRouter();
  const timeContext = useTimeContext();
  const [search, setSearch] = useState("");
  const initialKey = initial?.target ? `${initial.type ?? "task"}:${initial.target}` : "";
  const [selected, setSelected] = useState(initialKey);
  const [startLocal, setStartLocal] = useState("");
  const { timeZone } = timeContext;
  const zone = useZone();
  const choice = targets.find((t) => `${t.type}:${t.target}` === selected);
  // A task reached through a role policy (from the runspace's "Request access") is offered too.
  const viaRole = !choice && initial?.target ? targets.find((t) => t.tasks.includes(initial.target!)) : undefined;
  const rules = choice ?? viaRole;
  // Targets of several scopes (an external one beside Exchange): each says which.
  const multiScope = new Set(targets.map((t) => t.scope)).size > 1;
  const visible = useMemo(
    () =>
      targets.filter((t) =>
        `${t.target} ${t.tasks.join(" ")} ${t.description}`.toLowerCase().includes(search.trim().toLowerCase()),
      ),
    [targets, search],
  );
  const { formProps, pending, errors, result } = useActionForm(createRequestAction, {
    // The answer's toast names the approver group of the policy the request was sent under.
    onSuccess: (request) => {
      toast.success(sentMessage(request, rules?.approverGroup, timeContext));
      router.push("/requests");
      // On My requests the keyboard goes to the new request's card, which says where it stands.
      focusWhenReady(() => document.getElementById(`request-${request.id}`));
    },
  });
  // Already asked: the refusal says where that request stands, and this links to it.
  const existing = result && !result.ok && result.code === "conflict:request-exists" && typeof result.details?.requestId === "string" ? result.details.requestId : null;
  const [type, target] = selected ? [selected.slice(0, selected.indexOf(":")), selected.slice(selected.indexOf(":") + 1)] : ["task", ""];

  return (
    <form {...formProps} className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_18rem] xl:grid-cols-[minmax(0,1fr)_20rem]" noValidate>
      <input type="hidden" name="type" value={type} />
      <input type="hidden" name="target" value={target} />
      <input type="hidden" name="scope" value={rules?.scope ?? "Exchange"} />
      <div className="min-w-0 space-y-5">
        <fieldset className="min-w-0">
          <legend className="text-sm font-medium text-slate-800">What do you need?</legend>
          <label htmlFor="target-search" className="sr-only">
            Search tasks, roles and role groups
          </label>
          <input
            id="target-search"
            type="search"
            placeholder="Search, e.g. journal or mailbox"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            className="mt-2 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
          />
          <div role="radiogroup" aria-label="Covered targets" aria-describedby="field-target-error" className="mt-2 max-h-72 space-y-1 overflow-y-auto rounded-md border border-slate-200 bg-white p-1">
            {initial?.target && !choice && viaRole === undefined && selected === initialKey && (
              <p className="p-2 text-sm text-slate-600 wrap-anywhere">No policy covers {initial.target}: it needs no request, or it cannot be requested.</p>
            )}
            {visible.map((t) => {
              const key = `${t.type}:${t.target}`;
              return (
                <label key={key} className="flex cursor-pointer items-start gap-3 rounded px-3 py-2 hover:bg-slate-50 has-[:checked]:bg-brand-50">
                  <input type="radio" name="choice" value={key} checked={selected === key} onChange={() => setSelected(key)} className="mt-1" />
                  <span className="min-w-0">
                    <span className="block text-sm font-medium text-slate-900 wrap-anywhere">
                      {t.target} <span className="font-normal text-slate-600">· {multiScope ? `${t.scope} ` : ""}{typeLabel[t.type]}</span>
                    </span>
                    <span className="block truncate text-xs text-slate-600">
                      {t.type === "task" ? t.description : `Opens ${t.tasks.length} tasks: ${t.tasks.slice(0, 4).join(", ")}${t.tasks.length > 4 ? "…" : ""}`}
                    </span>
                  </span>
                  <span className="ml-auto shrink-0">
                    <Badge tone={t.approvalType === "auto" ? "green" : "amber"}>{t.approvalType === "auto" ? "Automatic" : "Approval"}</Badge>
                  </span>
                </label>
              );
            })}
            {visible.length === 0 && <p className="p-3 text-sm text-slate-600 wrap-anywhere">Nothing matches “{search}”.</p>}
          </div>
          <p id="field-target-error" aria-live="polite" className="mt-1 text-sm text-red-700 empty:hidden">
            {errors?.target?.join(" ")}
          </p>
        </fieldset>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            key={`duration-${selected}`}
            name="durationHours"
            label="Duration (hours)"
            type="number"
            step="0.25"
            min="0.25"
            max={rules?.maxDurationHours}
            defaultValue={rules?.defaultDurationHours}
            hint={rules ? `Up to ${rules.maxDurationHours} h, in quarter hours.` : "In quarter hours."}
            errors={errors?.durationHours}
          />
          <TextField
            name="startsAtLocal"
            label={`Start (optional, ${zone.name})`}
            type="datetime-local"
            value={startLocal}
            onChange={(e) => setStartLocal(e.target.value)}
            hint={`Times in ${zone.id}. Leave empty to start at approval.`}
            errors={errors?.startsAt}
          />
          {/* The browser knows the time zone: send the instant, not the wall-clock text. */}
          <input type="hidden" name="startsAt" value={startLocal ? (fromDateTimeLocal(startLocal, timeZone) ?? startLocal) : ""} />
        </div>
        <TextAreaField
          name="reason"
          label={`Reason${rules?.reasonRequired ? "" : " (optional)"}`}
          required={rules?.reasonRequired}
          hint={rules?.reasonPattern ? `Must match ${rules.reasonPattern}` : "Approvers read this: say what you will do and why."}
          limit={REASON_MAX_LENGTH}
          errors={errors?.reason}
        />
        <TextField
          name="ticket"
          label={`Ticket${rules?.ticketRequired ? "" : " (optional)"}`}
          required={rules?.ticketRequired}
          hint={rules?.ticketPattern ? `For example CHG-1234 (must match ${rules.ticketPattern})` : "A change or incident number."}
          errors={errors?.ticket}
        />
        <Button type="submit" disabled={pending}>
          {pending ? "Sending…" : "Request access"}
        </Button>
        {existing && result && !result.ok && (
          <p className="rounded-md bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-amber-200 wrap-anywhere">
            {result.message}{" "}
            <Link href={`/requests?request=${existing}`} className="font-medium underline">
              Open that request
            </Link>
          </p>
        )}
      </div>
      <aside aria-label="Policy" className="h-fit min-w-0 rounded-lg bg-white p-4 text-sm ring-1 ring-slate-200 wrap-break-word">
        {rules ? (
          <dl className="space-y-2">
            <div>
              <dt className="text-slate-600">Approval</dt>
              <dd className="font-medium">
                {rules.approvalType === "auto"
                  ? "Automatic, at once"
                  : `${rules.requiredApprovals} of ${rules.approverGroup}`}
              </dd>
            </div>
            <div>
              <dt className="text-slate-600">Window</dt>
              <dd className="font-medium">
                default {rules.defaultDurationHours} h, at most {rules.maxDurationHours} h
              </dd>
            </div>
            <div>
              <dt className="text-slate-600">{rules.windowGrants ? "Opens" : "Covers"}</dt>
              <dd>{rules.tasks.join(", ")}</dd>
            </div>
            {!rules.windowGrants && (
              <div>
                <dt className="text-slate-600">The window only unlocks</dt>
                <dd className="text-amber-900">
                  It unlocks only tasks your role groups include.{" "}
                  {rules.heldTasks.length === 0
                    ? "Yours include none of these, so the window would not let you run any of them."
                    : rules.heldTasks.length === rules.tasks.length
                      ? "Yours include all of these."
                      : `Of these, yours include ${rules.heldTasks.join(", ")}.`}
                </dd>
              </div>
            )}
            {viaRole && !choice && (
              <p className="text-slate-700">
                {initial?.target} is covered by the {typeLabel[viaRole.type].toLowerCase()} policy on {viaRole.target}.
              </p>
            )}
          </dl>
        ) : (
          <p className="text-slate-600">Choose what you need: its policy&apos;s rules show here.</p>
        )}
      </aside>
    </form>
  );
}

/**
 * What the answer means for the person: an automatic policy has opened (or scheduled) the window
 * already; a manual one has sent the request to its approvers.
 */
function sentMessage(request: RequestView, approverGroup: string | undefined, context: TimeContext) {
  if (request.status === "approved" && request.startsAt && request.endsAt) {
    return request.scheduled
      ? `Access granted: your window is ${formatWindow(request.startsAt, request.endsAt, context)}`
      : `Access granted: your window is open until ${formatEnd(request.endsAt, request.startsAt, context)}`;
  }
  return approverGroup ? `Request sent to ${approverGroup}` : "Request sent for approval";
}
