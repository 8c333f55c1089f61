/**
 * The one database client. Embedded PGlite (Postgres in WASM) under PGLITE_DIR when DATABASE_URL
 * is unset, a `pg` pool otherwise; both behind the same Drizzle type, so nothing above this file
 * knows which it talks to.
 *
 * The process-wide handle is opened lazily (never at import, so `next build` workers do not open
 * the database) and pinned on globalThis (so dev reloads and Next's separate bundles share it).
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import { config } from "@/lib/config";
import { logger } from "@/lib/log/logger";
import { acquireDataFolderLock } from "./data-folder-lock";
import * as schema from "./schema";

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
/** The handle inside `db.transaction(async (tx) => …)`: use it, never the outer `db`, in there. */
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
/** Either the database or an open transaction: what domain helpers that write take. */
export type Executor = Database | Transaction;
export type DatabaseKind = "embedded" | "postgres";

export type DatabaseTarget =
  | { kind: "embedded"; dir: string }
  | { kind: "postgres"; url: string; maxConnections?: number };

export interface DatabaseHandle {
  db: Database;
  kind: DatabaseKind;
  close(): Promise<void>;
}

/** In-memory PGlite, for tests: `{ kind: "embedded", dir: MEMORY }`. */
export const MEMORY = "memory://";

export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  if (target.kind === "postgres") {
    const pool = new pg.Pool({
      connectionString: target.url,
      max: target.maxConnections ?? 10,
      // An unreachable server (packets dropped, not refused) answers within seconds, as 503
      // unavailable:database (db/outage.ts), not after the system's TCP timeout. The same bound
      // applies to waiting for a free connection, hence generous: 10 s is an outage, not a queue.
      connectionTimeoutMillis: 10_000,
    });
    // An idle client that loses its server must not crash the process. The pool drops it and opens
    // new connections on the next query: service comes back on its own when the server does.
    pool.on("error", (error) => logger.warn({ err: error }, "database: an idle Postgres connection failed"));
    const db = drizzlePg({ client: pool, schema, casing: "snake_case" }) as unknown as Database;
    return { db, kind: "postgres", close: () => pool.end() };
  }

  let release = () => {};
  if (target.dir !== MEMORY) {
    release = acquireDataFolderLock(target.dir);
    mkdirSync(target.dir, { recursive: true }); // PGlite does not create parent folders.
  }
  try {
    const client = new PGlite(target.dir === MEMORY ? undefined : target.dir);
    await client.waitReady;
    const db = drizzlePglite({ client, schema, casing: "snake_case" }) as unknown as Database;
    return {
      db,
      kind: "embedded",
      close: async () => {
        await client.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

function migrationsFolder() {
  // ELEVATE_ROOT is set by the `elevate` command, which may run from any folder.
  return path.join(process.env.ELEVATE_ROOT ?? process.cwd(), "db", "migrations");
}

/** Applies every pending migration. Safe to call from several app instances at once. */
export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  const migrationsConfig = { migrationsFolder: migrationsFolder() };
  if (handle.kind === "embedded") {
    await migratePglite(handle.db as never, migrationsConfig);
    return;
  }
  // Instances starting together would race to apply the same migration: a session-level advisory
  // lock on one connection makes them take turns, and the later ones find nothing left to do.
  const pool = (handle.db as unknown as { $client: pg.Pool }).$client;
  const client = await pool.connect();
  try {
    await client.query("select pg_advisory_lock(hashtext('elevate:migrations'))");
    await migratePg(drizzlePg({ client, casing: "snake_case" }), migrationsConfig);
  } finally {
    await client.query("select pg_advisory_unlock(hashtext('elevate:migrations'))").catch(() => {});
    client.release();
  }
}

/** Checks the database answers a real query. */
export async function pingDatabase(db: Database): Promise<void> {
  await db.execute(sql`select 1`);
}

const pinned = globalThis as unknown as { elevateDatabase?: Promise<DatabaseHandle> };

/** The process's database, opened and migrated on first use. */
export function database(): Promise<DatabaseHandle> {
  if (!pinned.elevateDatabase) {
    const opening = (async () => {
      const handle = await openDatabase(config().database);
      await migrateDatabase(handle);
      return handle;
    })();
    // A failed open (a held data folder, an unreachable server) is not cached: the next call retries.
    opening.catch(() => {
      if (pinned.elevateDatabase === opening) pinned.elevateDatabase = undefined;
    });
    pinned.elevateDatabase = opening;
  }
  return pinned.elevateDatabase;
}

export async function db(): Promise<Database> {
  return (await database()).db;
}
