"use client";

import { updateNotificationSettingsAction } from "@/app/(app)/settings/email/actions";
import { Button } from "@/components/ui/button";
import { CheckboxField } from "@/components/ui/field";
import { useActionForm } from "@/components/use-action";
import { type NotificationEvent, notificationEventLabels, notificationEvents } from "@/lib/notify/notification-events";

/** One switch per event; the organisation's people get only the emails ticked here. */
export function NotificationSettingsForm({ settings }: { settings: Record<NotificationEvent, boolean> }) {
  const { formProps, pending, formError } = useActionForm(updateNotificationSettingsAction);
  return (
    <form {...formProps} className="space-y-4">
      <fieldset className="space-y-3">
        <legend className="text-sm text-slate-600">Email people when:</legend>
        {notificationEvents.map((event) => (
          <CheckboxField key={event} name={event} label={notificationEventLabels[event]} defaultChecked={settings[event]} />
        ))}
      </fieldset>
      {formError && (
        <p role="alert" className="text-sm text-red-700">
          {formError}
        </p>
      )}
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save email events"}
      </Button>
    </form>
  );
}
