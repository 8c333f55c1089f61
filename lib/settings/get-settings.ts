import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/roles";
import { authorizeSettingsAdmin } from "./authorize-settings-admin";
import { selectSettingsView } from "./settings-view";

export async function getSettings(db: Database, { actor }: { actor: Actor }) {
  authorizeSettingsAdmin(actor);
  return selectSettingsView(db, actor.organisationId);
}
