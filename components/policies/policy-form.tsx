"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback } from "react";
import { createPolicyAction, updatePolicyAction } from "@/app/(app)/policies/actions";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CheckboxField, SelectField, TextField } from "@/components/ui/field";
import { useActionForm } from "@/components/use-action";
import type { ApiTargetType } from "@/lib/catalog/target-types";
import type { EligibleCandidate } from "@/lib/policies/list-eligible-candidates";
import type { PolicyView } from "@/lib/policies/policy-view";
import { CatalogPicker } from "./catalog-picker";
import { type CatalogData, plural } from "./coverage";
import { formatHours, targetTypeNames } from "./format";
import { type RadioCardOption, RadioCards } from "./radio-cards";
import { TargetCoverage } from "./target-coverage";
import { WhoMayRequest } from "./who-may-request";

export interface PolicyFormProps {
  catalog: CatalogData;
  /** Create: every scope's catalog, for picking the scope (default: `catalog` alone). */
  catalogs?: CatalogData[];
  groups: { name: string; approvers: number; isDefault: boolean }[];
  /** The organisation's settings that bound and prefill the form. */
  organisation: { maxDurationHours: number; pendingLifetimeHours: number; defaultApproverGroup: string | null };
  /** Create: the targets that already have a policy. */
  taken?: { type: ApiTargetType; target: string; scope?: string }[];
  /** Edit: the policy as it is. */
  policy?: PolicyView;
  /** The members "Who may request" can name. */
  candidates?: EligibleCandidate[];
}

const approvalOptions: RadioCardOption<"manual" | "auto">[] = [
  { value: "manual", label: "Manual", hint: "Approvers in the group decide each request." },
  { value: "auto", label: "Automatic", hint: "Approved at once by the system, audited; approvers can still revoke." },
];

const windowOptions: RadioCardOption<"true" | "false">[] = [
  {
    value: "true",
    label: "Grants the task",
    hint: "Inside the window the person may run what the policy covers, whatever their role groups (as in Entra PIM).",
  },
  {
    value: "false",
    label: "Unlocks only what their role groups include",
    hint: "The window counts only for tasks the person's standing role groups already include: approval on top of RBAC (as in Office 365 PAM).",
  },
];

// Fields this form shows an error beside; anything else is listed in the summary at the top.
const fieldNames = new Set([
  "type",
  "target",
  "scope",
  "approvalType",
  "approverGroup",
  "requiredApprovals",
  "maxDurationHours",
  "defaultDurationHours",
  "pendingLifetimeHours",
  "reasonPattern",
  "ticketPattern",
  "eligible",
  "eligibleMode",
  "windowGrants",
]);

/** The policy editor, for a new policy (with the catalog picker) or an existing one (target fixed). */
export function PolicyForm({ catalog, catalogs, groups, organisation, taken = [], policy, candidates = [] }: PolicyFormProps) {
  const router = useRouter();
  const onSuccess = useCallback(() => router.push("/policies"), [router]);
  // useActionForm keeps what the admin typed when the server refuses it, and focuses the first bad field.
  const { formProps, pending, errors } = useActionForm(policy ? updatePolicyAction : createPolicyAction, { onSuccess });

  const maxHours = policy?.maxDurationHours ?? Math.min(8, organisation.maxDurationHours);
  const otherErrors = Object.entries(errors ?? {}).filter(([field]) => !fieldNames.has(field));
  const groupOptions = groups.map((group) => ({
    value: group.name,
    label: `${group.name} (${plural(group.approvers, "approver")})${group.isDefault ? " · default" : ""}`,
  }));

  return (
    <form {...formProps} noValidate className="max-w-3xl space-y-6">
      {errors && (
        <div role="alert" className="rounded-md bg-red-50 p-4 text-sm text-red-800 ring-1 ring-red-200">
          <p className="font-medium">The policy was not saved: check the fields marked below.</p>
          {otherErrors.length > 0 && (
            <ul className="mt-1 list-disc pl-5">
              {otherErrors.map(([field, messages]) => (
                <li key={field}>
                  {field}: {messages.join(" ")}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}

      {policy ? (
        <Card title="What it covers">
          <input type="hidden" name="id" value={policy.id} />
          <dl className="mb-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-slate-600">Type</dt>
            <dd className="text-slate-900">{targetTypeNames[policy.type]}</dd>
            <dt className="text-slate-600">Scope</dt>
            <dd className="text-slate-900">{policy.scope}</dd>
            <dt className="text-slate-600">Target</dt>
            <dd className="font-mono text-slate-900">{policy.target}</dd>
          </dl>
          <p className="mb-3 text-xs text-slate-600">
            A policy stays on its target. To cover something else, create a new policy and delete this one.
          </p>
          <TargetCoverage catalog={catalog} type={policy.type} name={policy.target} />
        </Card>
      ) : (
        <Card title="What it covers">
          <CatalogPicker catalogs={catalogs ?? [catalog]} taken={taken} errors={errors} />
        </Card>
      )}

      <Card title="Approval">
        <div className="space-y-4">
          <RadioCards
            name="approvalType"
            legend="Approval type"
            options={approvalOptions}
            defaultValue={policy?.approvalType ?? "manual"}
            errors={errors?.approvalType}
          />
          <div className="grid gap-4 sm:grid-cols-2">
            <SelectField
              name="approverGroup"
              label="Approver group"
              options={groupOptions}
              defaultValue={policy?.approverGroup ?? organisation.defaultApproverGroup ?? groupOptions[0]?.value}
              hint={groups.length ? "Every member is emailed when a request waits." : "Create an approver group in Settings first."}
              errors={errors?.approverGroup}
            />
            <TextField
              name="requiredApprovals"
              label="Required approvals"
              type="number"
              inputMode="numeric"
              min={1}
              step={1}
              required
              defaultValue={policy?.requiredApprovals ?? 1}
              hint="Distinct approvers who must approve; one deny denies. At most the group's approvers."
              errors={errors?.requiredApprovals}
            />
          </div>
        </div>
      </Card>

      <Card title="Who may request">
        <WhoMayRequest groups={groups} candidates={candidates} initial={policy?.eligible ?? []} errors={errors?.eligible} />
      </Card>

      <Card title="What the approved window does">
        <RadioCards
          name="windowGrants"
          legend="The approved window…"
          options={windowOptions}
          defaultValue={policy?.windowGrants === false ? "false" : "true"}
          errors={errors?.windowGrants}
        />
        <p className="mt-2 text-xs text-slate-600">
          With “unlocks”, someone whose role groups do not include a task is refused it even inside an approved window, and the
          request form tells them which of the tasks they hold.
        </p>
      </Card>

      <Card title="Time limits">
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField
            name="maxDurationHours"
            label="Maximum duration (hours)"
            type="number"
            inputMode="decimal"
            min={0.25}
            step={0.25}
            required
            defaultValue={maxHours}
            hint={`The longest window a request may ask for; the organisation allows up to ${formatHours(organisation.maxDurationHours)}.`}
            errors={errors?.maxDurationHours}
          />
          <TextField
            name="defaultDurationHours"
            label="Default duration (hours)"
            type="number"
            inputMode="decimal"
            min={0.25}
            step={0.25}
            required
            defaultValue={policy?.defaultDurationHours ?? Math.min(4, maxHours)}
            hint="What the request form proposes; at most the maximum."
            errors={errors?.defaultDurationHours}
          />
          <TextField
            name="pendingLifetimeHours"
            label="Pending lifetime (hours)"
            type="number"
            inputMode="decimal"
            min={0.25}
            max={168}
            step={0.25}
            required
            defaultValue={policy?.pendingLifetimeHours ?? organisation.pendingLifetimeHours}
            hint="How long a request waits for a decision before it expires (at most 168 h)."
            errors={errors?.pendingLifetimeHours}
          />
        </div>
      </Card>

      <Card title="Reason and ticket">
        <div className="grid gap-4 sm:grid-cols-2">
          <div className="space-y-3">
            <CheckboxField
              name="reasonRequired"
              label="Reason required"
              defaultChecked={policy?.reasonRequired ?? true}
              hint="The requestor says why they need access."
            />
            <TextField
              name="reasonPattern"
              label="Reason pattern (optional)"
              defaultValue={policy?.reasonPattern ?? ""}
              spellCheck={false}
              hint={
                <>
                  A regular expression (RE2 syntax: no lookaround or backreferences) the reason must match, e.g.{" "}
                  <code>.{"{20,}"}</code> for at least 20 characters.
                </>
              }
              errors={errors?.reasonPattern}
            />
          </div>
          <div className="space-y-3">
            <CheckboxField
              name="ticketRequired"
              label="Ticket required"
              defaultChecked={policy?.ticketRequired ?? false}
              hint="The requestor names a change or incident ticket."
            />
            <TextField
              name="ticketPattern"
              label="Ticket pattern (optional)"
              defaultValue={policy?.ticketPattern ?? ""}
              spellCheck={false}
              hint={
                <>
                  e.g. <code>^CHG-[0-9]+$</code>
                </>
              }
              errors={errors?.ticketPattern}
            />
          </div>
        </div>
      </Card>

      <Card>
        <CheckboxField
          name="enabled"
          label="Enabled"
          defaultChecked={policy?.enabled ?? true}
          hint="A disabled policy is kept but gates nothing: its tasks fall back to standing roles."
        />
      </Card>

      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : policy ? "Save changes" : "Create policy"}
        </Button>
        <Link href="/policies" className="rounded-md px-3.5 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100">
          Cancel
        </Link>
      </div>
    </form>
  );
}
