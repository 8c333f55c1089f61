import { and, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { apiTokens } from "@/db/schema";
import { auditActorOf } from "@/lib/audit/audit-actor";
import { auditOf, auditedTransaction } from "@/lib/audit/audited-transaction";
import type { Actor } from "@/lib/auth/roles";
import { DomainError } from "@/lib/errors";
import { uuidPattern } from "@/lib/policies/find-policy";

/** Revokes one of the caller's own tokens; it is refused from the very next call. */
export async function revokeToken(db: Database, { actor, tokenId }: { actor: Actor; tokenId: string }) {
  const notFound = new DomainError("not-found:token", "You have no such token.");
  if (!uuidPattern.test(tokenId)) throw notFound;
  return auditedTransaction(db, async (tx) => {
    const [token] = await tx
      .select()
      .from(apiTokens)
      .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, actor.userId), eq(apiTokens.organisationId, actor.organisationId)))
      .for("update");
    if (!token) throw notFound;
    if (token.revokedAt) throw new DomainError("conflict:token-revoked", "That token is already revoked.");
    await tx.update(apiTokens).set({ revokedAt: sql`now()` }).where(and(eq(apiTokens.id, token.id), isNull(apiTokens.revokedAt)));
    auditOf(tx).record({
      organisationId: actor.organisationId,
      actor: auditActorOf(actor),
      action: "token.revoked",
      targetType: "token",
      targetId: token.id,
      details: { name: token.name, prefix: token.prefix },
    });
    return { id: token.id, revoked: true };
  });
}
