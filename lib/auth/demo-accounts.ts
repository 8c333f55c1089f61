import { and, asc, eq, isNull } from "drizzle-orm";
import type { Database } from "@/db/client";
import { memberships, organisations, users } from "@/db/schema";
import { CONTOSO, demoAccounts } from "@/db/seed/contoso";
import { loadActor } from "./load-actor";
import { describeActor } from "./roles";

/** The demo organisation's active members: the accounts the demo picker offers. */
async function demoMembers(db: Database) {
  return db
    .select({ userId: users.id, email: users.email, name: users.name, organisationId: organisations.id })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(organisations.slug, CONTOSO.slug), isNull(memberships.disabledAt)))
    .orderBy(asc(users.email));
}

export async function isDemoAccount(db: Database, email: string) {
  return (await demoMembers(db)).some((member) => member.email === email.toLowerCase());
}

/** The seed's order (administrators first, guests last), then anyone added since. */
function pickerOrder(email: string) {
  const index = demoAccounts.findIndex((account) => account.email === email);
  return index === -1 ? demoAccounts.length : index;
}

/** Each demo account with the labels of what it is, for the one-click picker. */
export async function listDemoAccounts(db: Database) {
  const members = (await demoMembers(db)).sort((a, b) => pickerOrder(a.email) - pickerOrder(b.email));
  return Promise.all(
    members.map(async (member) => {
      const actor = await loadActor(db, member.userId, member.organisationId);
      return { email: member.email, name: member.name, labels: actor ? describeActor(actor) : [] };
    }),
  );
}
