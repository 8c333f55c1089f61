/**
 * API v1 in a test: `dispatch`, the very function both servers call, against a test database,
 * with a token of a seeded person. Nothing listens on a port.
 */
import { sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import type { Actor } from "@/lib/auth/roles";
import { clientAddressHeaderValue } from "@/lib/server/http/client-address";
import { createToken } from "@/lib/tokens/create-token";
import { dispatch } from "../router";

const pinned = globalThis as unknown as { elevateDatabase?: Promise<DatabaseHandle> };

/** Makes `database()`, which the dispatcher opens, this test database. */
export function useDatabaseForApi(handle: DatabaseHandle) {
  pinned.elevateDatabase = Promise.resolve(handle);
}

export interface ApiCall {
  method: string;
  /** Under /api/v1, with its query string, percent-encoded as sent. */
  path: string;
  /** Sent as is: hostile JSON is written by hand, so it is text here. */
  body?: string;
  headers?: Record<string, string>;
}

export interface ApiAnswer {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

/** A caller with a fresh API token of this person. */
export async function apiCaller(handle: DatabaseHandle, actor: Actor) {
  const { token } = await createToken(handle.db, { actor, input: { name: "api test" } });
  let calls = 0;
  return async ({ method, path, body, headers = {} }: ApiCall): Promise<ApiAnswer> => {
    const url = `http://localhost/api/v1${path}`;
    // Each call from its own address, so the per-address limit never answers for a test that walks.
    const address = `10.${(calls >> 16) & 255}.${(calls >> 8) & 255}.${calls++ & 255}`;
    const response = await dispatch(
      new Request(url, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          "x-elevate-client-address": clientAddressHeaderValue(address),
          ...(body === undefined ? {} : { "content-type": "application/json" }),
          ...headers,
        },
        body,
      }),
      new URL(url).pathname.slice("/api/v1".length) || "/",
    );
    // A body that fails while it streams (an export, say) is reported, not thrown: the status was sent already.
    const text = await response.text().catch((error: unknown) => `<the body failed while streaming: ${String(error)}>`);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, text, json };
  };
}

/** Rows in every table of the schema, by table name: what a refused call must leave as it was. */
export async function rowCounts(handle: DatabaseHandle): Promise<Record<string, number>> {
  const tables = await handle.db.execute(
    sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
  );
  const names = rowsOf<{ name: string }>(tables).map((t) => t.name);
  const counts = await handle.db.execute(
    sql.raw(`select ${names.map((name) => `(select count(*) from "${name}") as "${name}"`).join(", ")}`),
  );
  const [row] = rowsOf<Record<string, string | number>>(counts);
  return Object.fromEntries(names.map((name) => [name, Number(row![name])]));
}

/** node-postgres answers `{ rows }`, PGlite the same; both through Drizzle's `execute`. */
function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}
