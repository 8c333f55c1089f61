/**
 * Acts on a sign-in decision (lib/auth/decide-sign-in.ts): admits a member, makes a just-in-time
 * member (the person, when new, and the membership and its `member.added` event in one
 * transaction), or refuses, audited as `auth.refused` where the person has an organisation's log.
 */
import type { Database, Transaction } from "@/db/client";
import { memberships, users } from "@/db/schema";
import { auditOf, auditedTransaction } from "@/lib/audit/audited-transaction";
import { logger } from "@/lib/log/logger";
import { lockOrganisation } from "@/lib/organisations/lock-organisation";
import { emailDomainOf } from "@/lib/settings/jit-settings";
import { type SignInAttempt, type SignInContext, type SignInDecision, decideSignIn, deploymentSignInContext } from "./decide-sign-in";
import { ENTRA_PROVIDER_ID } from "./entra-identity";
import { trustsTenant } from "./entra-trust";
import type { ClientInfo } from "./sessions";

export interface Admission {
  userId: string;
  email: string;
  organisationId: string;
  /** True when this sign-in made the membership (just in time). */
  joined: boolean;
}

export async function admitSignIn(
  db: Database,
  {
    attempt,
    client = {},
    context = deploymentSignInContext(),
  }: { attempt: SignInAttempt; client?: ClientInfo; context?: SignInContext },
  again = false,
): Promise<Admission | null> {
  const decision = await decideSignIn(db, attempt, context);
  if (decision.outcome === "member") {
    return { userId: decision.userId, email: decision.email, organisationId: decision.organisationId, joined: false };
  }
  if (decision.outcome === "join") {
    const joined = await joinJustInTime(db, attempt, decision, client, context);
    if (joined) return joined;
    // The setting changed, or a concurrent first sign-in made the person or the membership: decide
    // once more from what is stored now.
    if (!again) return admitSignIn(db, { attempt, client, context }, true);
    await auditRefusal(db, attempt, { outcome: "refuse", reason: "not a member" }, client);
    return null;
  }
  await auditRefusal(db, attempt, decision, client);
  return null;
}

async function joinJustInTime(
  db: Database,
  attempt: SignInAttempt,
  decision: Extract<SignInDecision, { outcome: "join" }>,
  client: ClientInfo,
  context: SignInContext,
): Promise<Admission | null> {
  const entra = attempt.method === ENTRA_PROVIDER_ID ? attempt.identity : null;
  // The address the decision matched, never the stored one: the rule is checked on what this sign-in proved.
  const address = decision.address;
  return auditedTransaction(db, async (tx) => {
    // Locked, so a settings change that drops the domain or tenant is either before this or after it.
    const organisation = await lockOrganisation(tx, decision.organisationId);
    const stillAdmits =
      decision.rule === "tenant"
        ? Boolean(entra && !entra.guest && organisation.jitEntraTenantIds.includes(entra.tenantId))
        : address !== null &&
          organisation.jitEmailDomains.includes(emailDomainOf(address)) &&
          (!entra || trustsTenant(organisation, entra.tenantId, context.homeTenantId));
    if (!stillAdmits) return null;

    let userId = decision.userId;
    if (!userId) {
      // A person with this address appeared since the decision: decide again, with them in view.
      userId = await createUser(tx, decision.email, decision.name);
      if (!userId) return null;
    }
    const source = entra ? "oidc" : "local";
    const [inserted] = await tx
      .insert(memberships)
      .values({ organisationId: organisation.id, userId, kind: "member", roles: [], source })
      .onConflictDoNothing()
      .returning({ id: memberships.id });
    if (!inserted) return null;
    auditOf(tx).record({
      organisationId: organisation.id,
      actor: { type: "user", id: userId, email: decision.email, ...client },
      action: "member.added",
      targetType: "user",
      targetId: userId,
      details: {
        email: decision.email,
        // "oidc": a first Entra sign-in; "email": a first magic-link sign-in.
        source: entra ? "oidc" : "email",
        justInTime: decision.rule,
        ...(decision.rule === "tenant" ? { tenantId: entra!.tenantId } : { domain: emailDomainOf(address!) }),
        kind: "member",
        roles: [],
      },
    });
    return { userId, email: decision.email, organisationId: organisation.id, joined: true };
  });
}

/** A new person; null when someone already has the address. */
async function createUser(tx: Transaction, email: string, name: string | null) {
  const [row] = await tx.insert(users).values({ email, name }).onConflictDoNothing({ target: users.email }).returning({ id: users.id });
  return row?.id ?? null;
}

async function auditRefusal(
  db: Database,
  attempt: SignInAttempt,
  decision: Extract<SignInDecision, { outcome: "refuse" }>,
  client: ClientInfo,
) {
  const entra = attempt.method === ENTRA_PROVIDER_ID ? attempt.identity : null;
  const known = decision.known;
  if (!known) {
    // No organisation's log to write to; the address is not logged, to keep strangers' input out of it.
    logger.warn(`auth: sign-in refused (${attempt.method}): ${decision.reason}`);
    return;
  }
  await auditedTransaction(db, async (tx) => {
    auditOf(tx).record({
      organisationId: known.organisationId,
      actor: { type: "user", id: known.userId, email: known.email, ...client },
      action: "auth.refused",
      targetType: "user",
      targetId: known.userId,
      details: { method: attempt.method, reason: decision.reason, ...(entra ? { tenantId: entra.tenantId } : {}) },
    });
  });
}
