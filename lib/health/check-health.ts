import packageJson from "@/package.json" with { type: "json" };
import { database, pingDatabase } from "@/db/client";
import { config } from "@/lib/config";
import { logger } from "@/lib/log/logger";

export interface Health {
  ok: boolean;
  database: "embedded" | "postgres";
  version: string;
  error?: string;
}

export async function checkHealth(): Promise<Health> {
  const kind = config().database.kind;
  try {
    await pingDatabase((await database()).db);
    return { ok: true, database: kind, version: packageJson.version };
  } catch (error) {
    // The reason goes to the server log; the public answer does not describe the infrastructure.
    logger.error({ err: error }, "health: the database check failed");
    return { ok: false, database: kind, version: packageJson.version, error: "database unavailable" };
  }
}
