import type { Database } from "@/db/client";
import { auditedTransaction } from "@/lib/audit/audited-transaction";
import type { Actor } from "@/lib/auth/roles";
import { resolveTarget } from "@/lib/catalog/resolve-target";
import { targetTypeLabel, toDbTargetType } from "@/lib/catalog/target-types";
import { databaseNow } from "@/lib/db-clock";
import { DomainError } from "@/lib/errors";
import { assertEligible } from "@/lib/policies/check-eligibility";
import { findCoveringPolicies } from "@/lib/policies/find-covering-policies";
import { parseInput } from "@/lib/validation";
import { assertPamEnabled } from "./assert-pam-enabled";
import { openRequest } from "./open-request";
import { type CreateRequestInput, createRequestInput } from "./request-input";
import { checkDuration, checkReasonAndTicket, checkScheduledStart } from "./request-rules";

/**
 * New-ElevatedAccessRequest: ask for just-in-time access under the strictest covering policy, if
 * that policy names the person as eligible (`forbidden:not-eligible` otherwise).
 */
export async function createRequest(db: Database, { actor, input }: { actor: Actor; input: CreateRequestInput }) {
  const data = parseInput(createRequestInput, input);
  return auditedTransaction(db, async (tx) => {
    const organisation = await assertPamEnabled(tx, actor.organisationId);
    const target = await resolveTarget(tx, organisation.id, {
      scope: data.scope,
      type: toDbTargetType(data.type),
      target: data.target,
    });
    const [policy] = await findCoveringPolicies(tx, organisation.id, target);
    if (!policy) {
      throw new DomainError(
        "invalid:not-covered",
        `No privileged access policy covers the ${targetTypeLabel[target.type]} ${target.name}, so it cannot be requested. Ask Role Management for a policy.`,
        { target: [`No policy covers ${target.name}.`] },
      );
    }
    // Before any rule of the policy: someone who may not ask learns who may, not the policy's limits.
    await assertEligible(tx, {
      organisationId: organisation.id,
      userId: actor.userId,
      policyId: policy.id,
      what: `the ${targetTypeLabel[target.type]} ${target.name}`,
    });
    const durationMinutes = checkDuration(policy, data.durationHours);
    checkReasonAndTicket(policy, data.reason, data.ticket);
    const requestedStartAt = checkScheduledStart(data.startsAt, await databaseNow(tx));
    return openRequest(tx, {
      actor,
      target,
      policy,
      durationMinutes,
      reason: data.reason,
      ticket: data.ticket ?? null,
      requestedStartAt,
    });
  });
}
