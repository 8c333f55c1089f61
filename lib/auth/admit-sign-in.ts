/**
 * Acts on a sign-in decision (lib/auth/decide-sign-in.ts): admits a member, makes a just-in-time
 * member (the person, when new, and the membership and its `member.added` event in one
 * transaction), or refuses, audited as `auth.refused` where the person has an organisation's log.
 */
import { eq } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import { memberships, users } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import { lockOrganisation } from "@/lib/organisations/lock-organisation";
import { emailDomainOf } from "@/lib/settings/jit-settings";
import { type SignInAttempt, type SignInDecision, decideSignIn } from "./decide-sign-in";
import { ENTRA_PROVIDER_ID } from "./entra-identity";
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
  { attempt, client = {} }: { attempt: SignInAttempt; client?: ClientInfo },
  again = false,
): Promise<Admission | null> {
  const decision = await decideSignIn(db, attempt);
  if (decision.outcome === "member") {
    return { userId: decision.userId, email: decision.email, organisationId: decision.organisationId, joined: false };
  }
  if (decision.outcome === "join") {
    const joined = await joinJustInTime(db, attempt, decision, client);
    if (joined) return joined;
    // The setting changed, or a concurrent first sign-in made the membership: decide once more from
    // what is stored now.
    if (!again) return admitSignIn(db, { attempt, client }, true);
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
): Promise<Admission | null> {
  const entra = attempt.method === ENTRA_PROVIDER_ID ? attempt.identity : null;
  return db.transaction(async (tx) => {
    // Locked, so a settings change that drops the domain or tenant is either before this or after it.
    const organisation = await lockOrganisation(tx, decision.organisationId);
    const stillAdmits =
      decision.rule === "tenant"
        ? Boolean(entra && organisation.jitEntraTenantIds.includes(entra.tenantId))
        : organisation.jitEmailDomains.includes(emailDomainOf(decision.email)) &&
          (!entra || organisation.jitEntraTenantIds.length === 0 || organisation.jitEntraTenantIds.includes(entra.tenantId));
    if (!stillAdmits) return null;

    const userId = decision.userId ?? (await ensureUser(tx, decision.email, decision.name));
    const source = entra ? "oidc" : "local";
    const [inserted] = await tx
      .insert(memberships)
      .values({ organisationId: organisation.id, userId, kind: "member", roles: [], source })
      .onConflictDoNothing()
      .returning({ id: memberships.id });
    if (!inserted) return null;
    await appendAuditEvent(tx, {
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
        ...(decision.rule === "tenant" ? { tenantId: entra!.tenantId } : { domain: emailDomainOf(decision.email) }),
        kind: "member",
        roles: [],
      },
    });
    return { userId, email: decision.email, organisationId: organisation.id, joined: true };
  });
}

/** The person's user row: theirs if it exists (they may belong to another organisation), else a new one. */
async function ensureUser(tx: Transaction, email: string, name: string | null) {
  await tx.insert(users).values({ email, name }).onConflictDoNothing({ target: users.email });
  const [row] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
  return row!.id;
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
    console.warn(`[auth] sign-in refused (${attempt.method}): ${decision.reason}`);
    return;
  }
  await db.transaction(async (tx) => {
    await appendAuditEvent(tx, {
      organisationId: known.organisationId,
      actor: { type: "user", id: known.userId, email: known.email, ...client },
      action: "auth.refused",
      targetType: "user",
      targetId: known.userId,
      details: { method: attempt.method, reason: decision.reason, ...(entra ? { tenantId: entra.tenantId } : {}) },
    });
  });
}
