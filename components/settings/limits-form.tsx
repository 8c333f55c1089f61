"use client";

import { updateLimitsAction } from "@/app/(app)/settings/actions";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import type { SettingsView } from "@/lib/settings/settings-view";
import { useKeptForm } from "./use-kept-form";

/**
 * The organisation's limits. The form skips the browser's own checks (`noValidate`) so that every
 * refusal, the domain's included, is shown the same way: next to its field.
 */
export function LimitsForm({ settings }: { settings: SettingsView }) {
  const { formAction, ref, onSubmit, pending, errors } = useKeptForm(updateLimitsAction);
  return (
    <Card title="Limits">
      <form ref={ref} action={formAction} onSubmit={onSubmit} className="space-y-5" noValidate>
        <div className="grid gap-5 sm:grid-cols-2">
          <TextField
            name="policyLimit"
            label="Policy limit"
            type="number"
            inputMode="numeric"
            min={1}
            max={1000}
            step={1}
            hint="How many privileged access policies the organisation may have."
            defaultValue={settings.policyLimit}
            errors={errors?.policyLimit}
          />
          <TextField
            name="maxDurationHours"
            label="Maximum duration (hours)"
            type="number"
            inputMode="decimal"
            min={0.25}
            max={168}
            step={0.25}
            hint="No policy may grant a longer window. In steps of 0.25 hours, at most 168."
            defaultValue={settings.maxDurationHours}
            errors={errors?.maxDurationHours}
          />
          <TextField
            name="pendingLifetimeHours"
            label="Default pending lifetime (hours)"
            type="number"
            inputMode="decimal"
            min={0.25}
            max={168}
            step={0.25}
            hint="How long a request waits for a decision before it expires, unless its policy says otherwise."
            defaultValue={settings.pendingLifetimeHours}
            errors={errors?.pendingLifetimeHours}
          />
          <TextField
            name="endingSoonNoticeMinutes"
            label="Ending-soon notice (minutes)"
            type="number"
            inputMode="numeric"
            min={0}
            max={1440}
            step={1}
            hint="How long before a window ends its holder is warned by email."
            defaultValue={settings.endingSoonNoticeMinutes}
            errors={errors?.endingSoonNoticeMinutes}
          />
        </div>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save limits"}
        </Button>
      </form>
    </Card>
  );
}
