import { and, eq, gt, isNull, lt, or, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { apiTokens, memberships } from "@/db/schema";
import { loadActor } from "@/lib/auth/load-actor";
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
  const [row] = await db
    .select({ id: apiTokens.id, userId: apiTokens.userId, organisationId: apiTokens.organisationId, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .innerJoin(
      memberships,
      and(eq(memberships.userId, apiTokens.userId), eq(memberships.organisationId, apiTokens.organisationId), isNull(memberships.disabledAt)),
    )
    .where(and(eq(apiTokens.tokenHash, hashToken(token)), isNull(apiTokens.revokedAt), gt(apiTokens.expiresAt, sql`now()`)));
  if (!row) throw tokenRefused();
  const actor = await loadActor(db, row.userId, row.organisationId);
  if (!actor) throw tokenRefused();
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db
      .update(apiTokens)
      .set({ lastUsedAt: sql`now()` })
      .where(and(eq(apiTokens.id, row.id), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, sql`now() - interval '1 minute'`))));
  }
  return { actor: { ...actor, client: { via: "token", ip: client.ip, userAgent: client.userAgent } } satisfies Actor, tokenId: row.id };
}
