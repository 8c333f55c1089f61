/**
 * Databases for tests: in-memory PGlite always, and a throwaway database on the real Postgres of
 * TEST_DATABASE_URL when it is set. Domain suites run once per kind with `describe.each`.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { type DatabaseHandle, MEMORY, migrateDatabase, openDatabase } from "@/db/client";

export type TestDatabaseKind = "embedded" | "postgres";

export const testDatabaseKinds: TestDatabaseKind[] = process.env.TEST_DATABASE_URL
  ? ["embedded", "postgres"]
  : ["embedded"];

export interface TestDatabase extends DatabaseHandle {
  /** The connection URL, for Postgres (child processes and raw clients need it). */
  url?: string;
  /** Closes the handle and drops the throwaway database. */
  destroy(): Promise<void>;
}

export async function createTestDatabase(kind: TestDatabaseKind): Promise<TestDatabase> {
  if (kind === "embedded") {
    const handle = await openDatabase({ kind: "embedded", dir: MEMORY });
    await migrateDatabase(handle);
    return { ...handle, destroy: () => handle.close() };
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error("TEST_DATABASE_URL is not set");
  const name = `elevate_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ kind: "postgres", url: url.toString() });
  await migrateDatabase(handle);
  return {
    ...handle,
    url: url.toString(),
    destroy: async () => {
      await handle.close();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
