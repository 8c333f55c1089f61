/**
 * A policy's "eligible" list (who may request it) between the API's names and the stored rows.
 * An entry is a member's email when one matches (emails compare case-insensitively), otherwise an
 * approver group's exact name; anything else is refused, naming every unknown entry, before any
 * row is written. A guest may be named by email: that is how a guest becomes eligible.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { approverGroups, memberships, policyEligibility, users } from "@/db/schema";
import { invalidField } from "@/lib/errors";

export interface ResolvedEligible {
  groupIds: string[];
  userIds: string[];
}

export async function resolveEligible(tx: Transaction, organisationId: string, entries: string[]): Promise<ResolvedEligible> {
  if (entries.length === 0) return { groupIds: [], userIds: [] };
  const lowered = [...new Set(entries.map((entry) => entry.toLowerCase()))];
  // One after the other: a transaction is one connection, which runs one query at a time anyway
  // (pg queues concurrent ones, deprecated since pg 8.12 and an error in pg 9).
  const members = await tx
    .select({ id: users.id, email: users.email })
    .from(users)
    .innerJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.organisationId, organisationId)))
    .where(inArray(users.email, lowered)); // stored lower-case, as every sign-in path writes them
  const groups = await tx
    .select({ id: approverGroups.id, name: approverGroups.name })
    .from(approverGroups)
    .where(and(eq(approverGroups.organisationId, organisationId), inArray(approverGroups.name, [...new Set(entries)])));
  const memberByEmail = new Map(members.map((member) => [member.email.toLowerCase(), member.id]));
  const groupByName = new Map(groups.map((group) => [group.name, group.id]));
  const userIds = new Set<string>();
  const groupIds = new Set<string>();
  const unknown: string[] = [];
  for (const entry of entries) {
    const userId = memberByEmail.get(entry.toLowerCase());
    const groupId = groupByName.get(entry);
    if (userId) userIds.add(userId);
    else if (groupId) groupIds.add(groupId);
    else if (!unknown.includes(entry)) unknown.push(entry);
  }
  if (unknown.length > 0) {
    const named = unknown.slice(0, 10).map((entry) => `"${entry}"`).join(", ") + (unknown.length > 10 ? ` and ${unknown.length - 10} more` : "");
    throw invalidField(
      "invalid:eligible",
      "eligible",
      `${unknown.length === 1 ? "This is neither" : "These are neither"} an approver group nor a member of your organisation: ${named}.`,
    );
  }
  return { groupIds: [...groupIds], userIds: [...userIds] };
}

/** Replaces the policy's eligibility rows with these (none: open to every member but guests). */
export async function writeEligibility(tx: Transaction, organisationId: string, policyId: string, resolved: ResolvedEligible) {
  await tx.delete(policyEligibility).where(eq(policyEligibility.policyId, policyId));
  const rows = [
    ...resolved.groupIds.map((groupId) => ({ organisationId, policyId, groupId })),
    ...resolved.userIds.map((userId) => ({ organisationId, policyId, userId })),
  ];
  if (rows.length > 0) await tx.insert(policyEligibility).values(rows);
}
