import { count } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { organisations } from "@/db/schema";
import { seedDemo } from "@/db/seed/seed-demo";
import { bootstrapAdmin } from "@/lib/auth/bootstrap-admin";
import type { Config } from "@/lib/config";

/**
 * What a start does to an already migrated database: the first start of an embedded install
 * seeds the Contoso demo (so a newcomer has something to look at), and ELEVATE_ADMIN_EMAIL names
 * the first Global Administrator of a production install.
 */
export async function prepareDatabase(handle: DatabaseHandle, cfg: Config) {
  const notes: string[] = [];
  if (handle.kind === "embedded") {
    const [{ value }] = (await handle.db.select({ value: count() }).from(organisations)) as [{ value: number }];
    if (value === 0) {
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
