import { and, eq, inArray } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { memberships, users } from "@/db/schema";
import { invalidField } from "@/lib/errors";

/**
 * The people being put into a group, by email: each must be an active member of this organisation
 * and not a guest (guests never approve). Refused next to `field`, naming everyone who fails.
 */
export async function checkNewMembers(tx: Transaction, organisationId: string, emails: string[], field = "members") {
  if (emails.length === 0) return [];
  const found = await tx
    .select({ id: users.id, email: users.email, kind: memberships.kind, disabledAt: memberships.disabledAt })
    .from(users)
    .innerJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.organisationId, organisationId)))
    .where(inArray(users.email, emails));
  const unknown = emails.filter((email) => !found.some((m) => m.email === email));
  if (unknown.length) {
    throw invalidField("invalid:members", field, `Not members of this organisation: ${unknown.join(", ")}.`);
  }
  const guests = found.filter((m) => m.kind === "guest").map((m) => m.email);
  if (guests.length) throw invalidField("invalid:members", field, `Guests never approve: ${guests.join(", ")}.`);
  const disabled = found.filter((m) => m.disabledAt).map((m) => m.email);
  if (disabled.length) throw invalidField("invalid:members", field, `Disabled members cannot approve: ${disabled.join(", ")}.`);
  return found.map(({ id, email }) => ({ id, email }));
}
