import { and, eq, sql } from "drizzle-orm";
import type { Executor, Transaction } from "@/db/client";
import { approverGroups } from "@/db/schema";
import { DomainError } from "@/lib/errors";
import { uuidPattern } from "./approver-group-input";

const notFound = () => new DomainError("not-found:group", "That approver group does not exist (was it removed?).");

/** A group of this organisation by id, locked when changing it; another organisation's is "not found". */
export async function findApproverGroup(db: Executor, organisationId: string, groupId: string, { lock = false } = {}) {
  if (!uuidPattern.test(groupId)) throw notFound();
  const query = db
    .select()
    .from(approverGroups)
    .where(and(eq(approverGroups.id, groupId), eq(approverGroups.organisationId, organisationId)));
  const [group] = await (lock ? query.for("update") : query);
  if (!group) throw notFound();
  return group;
}

/**
 * Refuses a name another group of the organisation already has, whatever its case: policies, the
 * API and people name groups, and "PAM approvers" beside "PAM Approvers" would be a trap. The
 * caller holds the organisation lock, so two creations cannot both pass.
 */
export async function checkGroupNameFree(tx: Transaction, organisationId: string, name: string, exceptId?: string) {
  const [taken] = await tx
    .select({ id: approverGroups.id, name: approverGroups.name })
    .from(approverGroups)
    .where(and(eq(approverGroups.organisationId, organisationId), sql`lower(${approverGroups.name}) = lower(${name})`));
  if (taken && taken.id !== exceptId) {
    const message = `There is already a group named ${taken.name}: edit that one instead.`;
    throw new DomainError("conflict:group-name", message, { name: [message] });
  }
}
