import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { preparedRows } from "@/db/prepared-query";
import { apiTokens } from "@/db/schema";
import { type TokenActorRow, loadActorByTokenHash, tokenActorOf, tokenActorSql } from "@/lib/auth/load-actor";
import type { Actor } from "@/lib/auth/roles";
import type { ClientInfo } from "@/lib/auth/sessions";
import { DomainError } from "@/lib/errors";
import { type AttemptCount, type RateLimit, consumeRateLimits, countAttemptsSql, refuseOverLimit } from "@/lib/rate-limit/consume-rate-limits";
import { hashToken, looksLikeToken } from "./token-secret";

export const tokenRefused = () =>
  new DomainError("unauthorized:token", "The API token is missing, malformed, expired or revoked.");

/**
 * The member a bearer token acts as. Refused at once when the token is unknown, expired or revoked,
 * or when its member is disabled. The last-used time is written at most once a minute.
 */
export async function authenticateToken(db: Database, token: string, client: ClientInfo = {}) {
  if (!looksLikeToken(token)) throw tokenRefused();
  const found = await loadActorByTokenHash(db, hashToken(token));
  if (!found) throw tokenRefused();
  return actingThroughToken(db, found, client);
}

/**
 * An API call's admission: counts it against its rate limits, then authenticates its token. Limits
 * are counted whether or not the token is good, so guessing tokens is limited too. With one window
 * length for all the limits (the API's case) both happen in one prepared statement: this is the
 * first round trip of every API call.
 */
export async function admitApiCall(db: Database, { token, limits, client }: { token?: string; limits: RateLimit[]; client: ClientInfo }) {
  const oneWindow = limits.length > 0 && limits.every((limit) => limit.windowSeconds === limits[0]!.windowSeconds);
  if (!token || !looksLikeToken(token) || !oneWindow) {
    await consumeRateLimits(db, limits);
    if (!token) throw tokenRefused();
    return authenticateToken(db, token, client);
  }
  const [row] = await preparedRows<Partial<TokenActorRow> & { counted: AttemptCount[] }>(db, "elevate_admit_api_call", sql`
    with counted as (${countAttemptsSql(limits[0]!.windowSeconds, limits)})
    select (select coalesce(json_agg(counted), '[]'::json) from counted) as counted, member.*
    from (select 1) as one left join lateral (${tokenActorSql(hashToken(token))}) as member on true`);
  refuseOverLimit(limits, row!.counted);
  if (!row!.token_id) throw tokenRefused();
  return actingThroughToken(db, tokenActorOf(row as TokenActorRow), client);
}

async function actingThroughToken(db: Database, found: ReturnType<typeof tokenActorOf>, client: ClientInfo) {
  if (!found.lastUsedAt || Date.now() - found.lastUsedAt.getTime() > 60_000) {
    await db
      .update(apiTokens)
      .set({ lastUsedAt: sql`now()` })
      .where(and(eq(apiTokens.id, found.tokenId), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, sql`now() - interval '1 minute'`))));
  }
  const actor: Actor = { ...found.actor, client: { via: "token", ip: client.ip, userAgent: client.userAgent } };
  return { actor, tokenId: found.tokenId };
}
