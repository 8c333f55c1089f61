import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { organisations } from "@/db/schema";
import { auditActorOf } from "@/lib/audit/audit-actor";
import { auditOf, auditedTransaction } from "@/lib/audit/audited-transaction";
import { authorize } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/roles";
import { lockOrganisation } from "@/lib/organisations/lock-organisation";
import { parseInput } from "@/lib/validation";
import { type NotificationEvent, notificationEnabled, notificationEvents } from "./notification-events";

export const notificationSettingsInput = z
  .strictObject(Object.fromEntries(notificationEvents.map((event) => [event, z.boolean()])) as Record<NotificationEvent, z.ZodBoolean>)
  .partial();
export type NotificationSettingsInput = z.input<typeof notificationSettingsInput>;

const allEvents = (stored: Record<string, boolean>) =>
  Object.fromEntries(notificationEvents.map((event) => [event, notificationEnabled(stored, event)])) as Record<NotificationEvent, boolean>;

/** Which events the organisation emails about: every event, on or off. */
export async function getNotificationSettings(db: Database, { actor }: { actor: Actor }) {
  authorize(actor, "manage-settings");
  const [row] = await db
    .select({ settings: organisations.notificationSettings })
    .from(organisations)
    .where(eq(organisations.id, actor.organisationId));
  return allEvents(row?.settings ?? {});
}

/** Switches email events on or off for the organisation; audited as `settings.notifications` when anything changes. */
export async function updateNotificationSettings(
  db: Database,
  { actor, input }: { actor: Actor; input: NotificationSettingsInput },
) {
  authorize(actor, "manage-settings");
  const data = parseInput(notificationSettingsInput, input);
  return auditedTransaction(db, async (tx) => {
    const organisation = await lockOrganisation(tx, actor.organisationId);
    const before = allEvents(organisation.notificationSettings);
    const after = { ...before, ...data };
    const changed = Object.fromEntries(
      notificationEvents.filter((event) => before[event] !== after[event]).map((event) => [event, { from: before[event], to: after[event] }]),
    );
    if (Object.keys(changed).length > 0) {
      await tx
        .update(organisations)
        .set({ notificationSettings: after, updatedAt: sql`now()` })
        .where(eq(organisations.id, organisation.id));
      auditOf(tx).record({
        organisationId: organisation.id,
        actor: auditActorOf(actor),
        action: "settings.notifications",
        targetType: "organisation",
        targetId: organisation.id,
        details: { changed },
      });
    }
    return after;
  });
}
