import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { apiTokens } from "@/db/schema";
import { loadActorByTokenHash } from "@/lib/auth/load-actor";
import type { Actor } from "@/lib/auth/roles";
import type { ClientInfo } from "@/lib/auth/sessions";
import { DomainError } from "@/lib/errors";
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
  if (!found.lastUsedAt || Date.now() - found.lastUsedAt.getTime() > 60_000) {
    await db
      .update(apiTokens)
      .set({ lastUsedAt: sql`now()` })
      .where(and(eq(apiTokens.id, found.tokenId), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, sql`now() - interval '1 minute'`))));
  }
  const actor: Actor = { ...found.actor, client: { via: "token", ip: client.ip, userAgent: client.userAgent } };
  return { actor, tokenId: found.tokenId };
}
