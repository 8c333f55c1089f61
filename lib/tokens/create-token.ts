import { and, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { apiTokens, memberships, users } from "@/db/schema";
import { SYSTEM_ACTOR } from "@/lib/audit/append-audit-event";
import { auditActorOf } from "@/lib/audit/audit-actor";
import { auditOf, auditedTransaction } from "@/lib/audit/audited-transaction";
import { lockActiveMembership } from "@/lib/auth/find-sign-in-membership";
import type { Actor } from "@/lib/auth/roles";
import { DomainError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { generateToken, hashToken } from "./token-secret";

export const createTokenInput = z.strictObject({
  name: z.string().trim().min(1, "must not be empty").max(100).default("API token"),
  expiresInDays: z.int("must be a whole number").min(1, "must be at least 1 day").max(365, "must be at most 365 days").default(90),
});
export type CreateTokenInput = z.input<typeof createTokenInput>;

const membershipEnded = () =>
  new DomainError("unauthorized:membership", "This account is no longer an active member of the organisation: no token is made.");

/** Creates a personal API token for the caller. The token itself is returned this once, never again. */
export async function createToken(db: Database, { actor, input }: { actor: Actor; input: CreateTokenInput }) {
  const data = parseInput(createTokenInput, input);
  return issueToken(db, { organisationId: actor.organisationId, userId: actor.userId, ...data }, auditActorOf(actor));
}

/** `elevate admin token create --email E` on the server host: a token for any active member. */
export async function createTokenForMember(db: Database, { email, ...input }: { email: string } & CreateTokenInput) {
  const data = parseInput(createTokenInput, input);
  const [member] = await db
    .select({ userId: users.id, organisationId: memberships.organisationId })
    .from(users)
    .innerJoin(memberships, and(eq(memberships.userId, users.id), isNull(memberships.disabledAt)))
    .where(eq(users.email, email.toLowerCase()))
    .limit(1);
  if (!member) throw new DomainError("not-found:user", `${email} is not an active member of any organisation.`);
  return issueToken(db, { ...member, ...data }, SYSTEM_ACTOR);
}

async function issueToken(
  db: Database,
  input: { organisationId: string; userId: string; name: string; expiresInDays: number },
  actor: ReturnType<typeof auditActorOf>,
) {
  const { token, prefix } = generateToken();
  return auditedTransaction(db, async (tx) => {
    // The caller was loaded a moment ago; a disable since then must not be outlived by a new token
    // (one it could not revoke, and a re-enable would bring back). Locked: see lockActiveMembership.
    if (!(await lockActiveMembership(tx, input))) throw membershipEnded();
    const [row] = await tx
      .insert(apiTokens)
      .values({
        organisationId: input.organisationId,
        userId: input.userId,
        name: input.name,
        prefix,
        tokenHash: hashToken(token),
        expiresAt: sql`now() + make_interval(days => ${input.expiresInDays})`,
      })
      .returning();
    auditOf(tx).record({
      organisationId: input.organisationId,
      actor,
      action: "token.created",
      targetType: "token",
      targetId: row!.id,
      details: { name: input.name, prefix, forUser: input.userId, expiresAt: row!.expiresAt.toISOString() },
    });
    return { token, id: row!.id, name: row!.name, prefix, expiresAt: row!.expiresAt.toISOString() };
  });
}
