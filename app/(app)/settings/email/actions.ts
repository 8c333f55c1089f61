"use server";

import { z } from "zod";
import { action } from "@/app/_lib/action";
import { notificationEvents } from "@/lib/notify/notification-events";
import { updateNotificationSettings } from "@/lib/notify/notification-settings";
import { retryEmail } from "@/lib/notify/retry-email";

export const retryEmailAction = action(
  z.strictObject({ id: z.string() }),
  ({ db, actor, input }) => retryEmail(db, { actor, messageId: input.id }),
  { revalidate: ["/settings/email"], success: "Email queued to send again" },
);

/** The form posts every event's checkbox: a ticked one arrives as "true", an unticked one not at all. */
const checkbox = z
  .enum(["true"])
  .optional()
  .transform((value) => value === "true");

export const updateNotificationSettingsAction = action(
  z.object(Object.fromEntries(notificationEvents.map((event) => [event, checkbox]))),
  ({ db, actor, input }) => updateNotificationSettings(db, { actor, input }),
  { revalidate: ["/settings/email"], success: "Email events saved" },
);
