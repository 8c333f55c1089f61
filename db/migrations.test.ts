import { readFileSync } from "node:fs";
import { is, sql } from "drizzle-orm";
import { PgTable, getTableConfig } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateDatabase } from "./client";
import * as schema from "./schema";
import { type TestDatabase, createTestDatabase, testDatabaseKinds } from "./testing/test-database";

const schemaTables = Object.values(schema)
  .flatMap((value) => (is(value, PgTable) ? [getTableConfig(value).name] : []))
  .sort();

const journal = JSON.parse(readFileSync("db/migrations/meta/_journal.json", "utf8")) as { entries: unknown[] };

async function rows<T>(database: TestDatabase, query: ReturnType<typeof sql>) {
  return ((await database.db.execute(query)) as unknown as { rows: T[] }).rows;
}

/** The database's own message: Drizzle wraps it as the cause of a "Failed query" error. */
async function failureOf(query: Promise<unknown>) {
  try {
    await query;
  } catch (error) {
    return String((error as { cause?: Error }).cause?.message ?? (error as Error).message);
  }
  return "no error";
}

describe.each(testDatabaseKinds)("migrations on %s", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database.destroy());

  it("create every table of db/schema.ts", async () => {
    const tables = await rows<{ table_name: string }>(
      database,
      sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
    );
    expect(schemaTables.length).toBeGreaterThan(20);
    expect(tables.map((t) => t.table_name)).toEqual(schemaTables);
  });

  it("record each migration once, and running them again changes nothing", async () => {
    const count = async () =>
      (await rows<{ n: number }>(database, sql`select count(*)::int as n from drizzle.__drizzle_migrations`))[0]!.n;
    expect(await count()).toBe(journal.entries.length);
    await migrateDatabase(database);
    expect(await count()).toBe(journal.entries.length);
  });

  it("make the audit log append-only: UPDATE, DELETE and TRUNCATE are refused", async () => {
    const [org] = await database.db.insert(schema.organisations).values({ slug: "t", name: "T" }).returning();
    await database.db.insert(schema.auditEvents).values({
      organisationId: org!.id,
      seq: 1,
      at: new Date(),
      actorType: "system",
      action: "test.event",
      prevHash: "0",
      hash: "1",
    });
    expect(await failureOf(database.db.execute(sql`update audit_events set action = 'x'`))).toMatch(/append-only: UPDATE/);
    expect(await failureOf(database.db.execute(sql`delete from audit_events`))).toMatch(/append-only: DELETE/);
    expect(await failureOf(database.db.execute(sql`truncate audit_events cascade`))).toMatch(/append-only: TRUNCATE/);
    const [{ n }] = (await rows<{ n: number }>(database, sql`select count(*)::int as n from audit_events`)) as [{ n: number }];
    expect(n).toBe(1);
  });
});
