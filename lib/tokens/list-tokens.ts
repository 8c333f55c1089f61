import { and, desc, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { apiTokens } from "@/db/schema";
import type { Actor } from "@/lib/auth/roles";

/** The caller's own tokens: prefix, name, expiry, last use; never the token or its hash. */
export async function listTokens(db: Database, { actor }: { actor: Actor }) {
  const rows = await db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, actor.userId), eq(apiTokens.organisationId, actor.organisationId)))
    .orderBy(desc(apiTokens.createdAt));
  const now = Date.now();
  return rows.map((t) => ({
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    createdAt: t.createdAt.toISOString(),
    expiresAt: t.expiresAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
    status: t.revokedAt ? "revoked" : t.expiresAt.getTime() <= now ? "expired" : "active",
  }));
}
