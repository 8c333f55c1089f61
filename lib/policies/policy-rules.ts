/** The checks a policy must pass whether it is new or changed, each naming the field it concerns. */
import { and, eq } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { type Organisation, approverGroups } from "@/db/schema";
import { listActiveApprovers } from "@/lib/approver-groups/list-active-approvers";
import { DomainError, invalidField } from "@/lib/errors";
import { hoursOf } from "@/lib/validation";

/** The group by name (or the organisation's default) and how many people can approve in it. */
export async function findApproverGroup(tx: Transaction, organisation: Organisation, name: string | undefined) {
  const [group] = await tx
    .select()
    .from(approverGroups)
    .where(
      and(
        eq(approverGroups.organisationId, organisation.id),
        name === undefined
          ? eq(approverGroups.id, organisation.defaultApproverGroupId ?? "00000000-0000-0000-0000-000000000000")
          : eq(approverGroups.name, name),
      ),
    );
  if (!group) {
    throw name === undefined
      ? invalidField("invalid:approver-group", "approverGroup", "Name an approver group: the organisation has no default.")
      : invalidField("invalid:approver-group", "approverGroup", `There is no approver group named "${name}".`);
  }
  const approvers = await listActiveApprovers(tx, { organisationId: organisation.id, groupId: group.id });
  return { group, size: approvers.length };
}

export function checkRequiredApprovals(required: number, group: { name: string }, size: number) {
  if (required > size) {
    throw invalidField(
      "invalid:required-approvals",
      "requiredApprovals",
      `${group.name} has ${size} member${size === 1 ? "" : "s"} who can approve: a policy cannot require ${required} approvals.`,
    );
  }
}

export function checkDurations(organisation: Organisation, maxMinutes: number, defaultMinutes: number) {
  if (maxMinutes > organisation.maxDurationMinutes) {
    throw invalidField(
      "invalid:duration",
      "maxDurationHours",
      `The maximum duration cannot exceed the organisation's maximum of ${hoursOf(organisation.maxDurationMinutes)} hours.`,
    );
  }
  if (defaultMinutes > maxMinutes) {
    throw invalidField(
      "invalid:duration",
      "defaultDurationHours",
      `The default duration (${hoursOf(defaultMinutes)} h) cannot exceed the maximum (${hoursOf(maxMinutes)} h).`,
    );
  }
}

export function policyExists(targetName: string): DomainError {
  return new DomainError(
    "conflict:policy-exists",
    `A policy for ${targetName} already exists: change that one instead.`,
    { target: [`A policy for ${targetName} already exists.`] },
  );
}
