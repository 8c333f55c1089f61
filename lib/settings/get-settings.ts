import type { Database } from "@/db/client";
import { authorize } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/roles";
import { selectSettingsView } from "./settings-view";

export async function getSettings(db: Database, { actor }: { actor: Actor }) {
  authorize(actor, "manage-settings");
  return selectSettingsView(db, actor.organisationId);
}
