import { type SQL, and, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { apiTokens } from "@/db/schema";
import type { Actor } from "@/lib/auth/roles";
import { DEFAULT_PAGE_SIZE, cursorValue, decodeCursor, encodeCursor, pageCursor, pageLimit } from "@/lib/pagination";
import { parseInput } from "@/lib/validation";

/**
 * The creation time to the millisecond, which is what a cursor (a JavaScript Date) can hold: the
 * keyset orders and compares on it, so two tokens made within one millisecond are neither skipped
 * nor repeated between pages.
 */
const createdMs = sql<Date>`date_trunc('milliseconds', ${apiTokens.createdAt})`.mapWith(apiTokens.createdAt);

async function selectTokens(db: Database, actor: Actor, where?: SQL, limit?: number) {
  const query = db
    .select({ token: apiTokens, createdMs })
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, actor.userId), eq(apiTokens.organisationId, actor.organisationId), where))
    .orderBy(desc(createdMs), desc(apiTokens.id));
  return limit === undefined ? query : query.limit(limit);
}

function toTokenView(t: typeof apiTokens.$inferSelect, now: number) {
  return {
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    createdAt: t.createdAt.toISOString(),
    expiresAt: t.expiresAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
    status: t.revokedAt ? "revoked" : t.expiresAt.getTime() <= now ? "expired" : "active",
  };
}

/** The caller's own tokens, newest first: prefix, name, expiry, last use; never the token or its hash. */
export async function listTokens(db: Database, { actor }: { actor: Actor }) {
  const now = Date.now();
  return (await selectTokens(db, actor)).map(({ token }) => toTokenView(token, now));
}

export const listTokensInput = z.strictObject({ limit: pageLimit.default(DEFAULT_PAGE_SIZE), cursor: pageCursor.optional() });

/** One page of the caller's tokens, for the API's `GET /tokens` (keyset: creation time, then id). */
export async function listTokensPage(db: Database, { actor, input }: { actor: Actor; input: z.input<typeof listTokensInput> }) {
  const data = parseInput(listTokensInput, input);
  const after = data.cursor ? decodeCursor(data.cursor, { createdAt: cursorValue.time, id: cursorValue.id }) : undefined;
  const before = after && sql`(${createdMs}, ${apiTokens.id}) < (${after.createdAt.toISOString()}::timestamptz, ${after.id}::uuid)`;
  const rows = await selectTokens(db, actor, before, data.limit + 1);
  const now = Date.now();
  const page = rows.slice(0, data.limit);
  const last = page.at(-1);
  return {
    items: page.map(({ token }) => toTokenView(token, now)),
    nextCursor: rows.length > data.limit && last ? encodeCursor({ createdAt: last.createdMs.toISOString(), id: last.token.id }) : null,
  };
}
