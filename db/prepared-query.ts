/**
 * Runs a hot raw-SQL query as a named prepared statement when the database is a `pg` pool, so
 * Postgres plans it once per connection instead of on every call. Elsewhere (PGlite, or inside a
 * transaction) it runs as an ordinary query: same SQL, same rows.
 */
import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import pg from "pg";
import type { Executor } from "./client";

const dialect = new PgDialect({ casing: "snake_case" });

export async function preparedRows<Row>(db: Executor, name: string, query: SQL): Promise<Row[]> {
  const client = (db as { $client?: unknown }).$client;
  if (client instanceof pg.Pool) {
    const { sql: text, params } = dialect.sqlToQuery(query);
    return (await client.query<Row & pg.QueryResultRow>({ name, text, values: params })).rows;
  }
  return ((await db.execute(query)) as unknown as { rows: Row[] }).rows;
}
