import { count } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { organisations } from "@/db/schema";
import { bootstrapAdmin } from "@/lib/auth/bootstrap-admin";
import { upgradeBuiltinCatalogs } from "@/lib/catalog/install-builtin-catalog";
import type { Config } from "@/lib/config";

/**
 * What a start does to an already migrated database: every organisation gets the tasks a new
 * release added to the built-in catalogs; the first start of an embedded install seeds the Contoso
 * demo (so a newcomer has something to look at); and ELEVATE_ADMIN_EMAIL names the first Global
 * Administrator of a production install, whose organisation is created then.
 */
export async function prepareDatabase(handle: DatabaseHandle, cfg: Config) {
  const notes: string[] = [];
  const upgraded = await upgradeBuiltinCatalogs(handle.db);
  for (const { scope, toVersion, added } of upgraded) {
    if (added.tasks.length + added.roles.length + added.roleGroups.length > 0) {
      notes.push(`updated the ${scope} catalog of an organisation to release ${toVersion} (${added.tasks.length} new tasks)`);
    }
  }
  // Only in demo mode: an embedded install started with ELEVATE_DEMO=0 is a real, empty organisation.
  if (handle.kind === "embedded" && cfg.demo) {
    const [{ value }] = (await handle.db.select({ value: count() }).from(organisations)) as [{ value: number }];
    if (value === 0) {
      // Loaded only here: a production start never reads the demo seed.
      const { seedDemo } = await import("@/db/seed/seed-demo");
      await seedDemo(handle.db);
      notes.push("seeded the Contoso demo");
    }
  }
  if (cfg.adminEmail) {
    const result = await bootstrapAdmin(handle.db, { email: cfg.adminEmail });
    if (result.changed) notes.push(`made ${result.email} a Global Administrator of ${result.organisation.name}`);
  }
  return notes;
}
