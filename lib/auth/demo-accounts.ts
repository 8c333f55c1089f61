import { and, asc, eq, isNull } from "drizzle-orm";
import type { Database } from "@/db/client";
import { memberships, organisations, users } from "@/db/schema";
import { loadActor } from "./load-actor";
import { type Actor, describeActor } from "./roles";

/** Active members of demo organisations (the seed's), the oldest organisation first. */
async function demoMembers(db: Database, slug?: string) {
  return db
    .select({ userId: users.id, email: users.email, name: users.name, organisationId: organisations.id, slug: organisations.slug })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(organisations.demo, true), slug ? eq(organisations.slug, slug) : undefined, isNull(memberships.disabledAt)))
    .orderBy(asc(organisations.createdAt), asc(users.email));
}

/** Administrators first, then auditors, approvers, requestors, system accounts, guests last. */
function pickerRank(actor: Actor | null) {
  if (!actor) return 9;
  if (actor.kind === "guest") return 8;
  if (actor.excludedFromPam) return 7;
  if (actor.roles.includes("global_admin")) return 0;
  if (actor.roles.includes("role_management")) return 1;
  if (actor.roles.includes("auditor")) return 2;
  if (actor.approverGroups.length > 0) return 3;
  return 4;
}

/**
 * Each account of one demo organisation (by slug, or the oldest) with the labels of what it is,
 * for the one-click picker.
 */
export async function listDemoAccounts(db: Database, slug?: string) {
  const all = await demoMembers(db, slug);
  const members = all.filter((member) => member.organisationId === all[0]?.organisationId);
  const accounts = await Promise.all(
    members.map(async (member) => {
      const actor = await loadActor(db, member.userId, member.organisationId);
      return { email: member.email, name: member.name, labels: actor ? describeActor(actor) : [], rank: pickerRank(actor) };
    }),
  );
  return accounts.sort((a, b) => a.rank - b.rank || a.email.localeCompare(b.email)).map(({ rank: _rank, ...account }) => account);
}
