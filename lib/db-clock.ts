import { sql } from "drizzle-orm";
import type { Executor } from "@/db/client";

/** The database's clock: every time rule is judged by it, never by an app server's clock. */
export async function databaseNow(db: Executor): Promise<Date> {
  const result = (await db.execute(sql`select now() as now`)) as unknown as { rows: { now: Date | string }[] };
  return new Date(result.rows[0]!.now);
}
