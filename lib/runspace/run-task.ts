/**
 * The runspace: a task runs only if the access decision, taken in the same transaction, says yes.
 * Every attempt is recorded and audited: executed, blocked (with why) or failed (with the error).
 * The decision comes before the parameters are looked at, so a caller without access learns nothing
 * about them.
 */
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Database, Transaction } from "@/db/client";
import { scopes, taskRuns } from "@/db/schema";
import { type AccessDecision, decideAccess } from "@/lib/access/decide-access";
import { auditActorOf } from "@/lib/audit/audit-actor";
import { auditOf } from "@/lib/audit/audited-transaction";
import type { Actor } from "@/lib/auth/roles";
import { DomainError } from "@/lib/errors";
import { commitThenRefuse } from "@/lib/requests/commit-then-refuse";
import { jsonObject, parseInput } from "@/lib/validation";
import { cmdletError } from "./cmdlet-error";
import { describeWorkload } from "./describe-workload";
import { redactParameters } from "./redact-parameters";
import { findTaskHandler } from "./registry";

export const runTaskInput = z.strictObject({
  scope: z.string().trim().min(1).default("Exchange"),
  task: z.string().trim().min(1, "must name a task"),
  // Every key kept, `__proto__` too: the task's own schema refuses the names it does not have.
  parameters: jsonObject.prefault({}),
});
export type RunTaskInput = z.input<typeof runTaskInput>;

export async function runTask(db: Database, { actor, input }: { actor: Actor; input: RunTaskInput }) {
  const { scope, task, parameters } = parseInput(runTaskInput, input);
  const handler = findTaskHandler(scope, task);
  // An external scope's tasks run in its own tool, which asks POST /access/check; never a built-in
  // handler, even one of the same name (an administrator writes an external catalog). Said before
  // any decision or parameter is looked at: it is about the scope.
  await refuseExternal(db, actor, scope);
  const redacted = redactParameters(parameters, handler?.secretParameters);

  return commitThenRefuse(db, async (tx) => {
    const decision = await decideAccess(tx, { organisationId: actor.organisationId, userId: actor.userId, scope, task });
    const record = recorder(tx, actor, decision, { scope, task, redacted });

    if (!decision.allowed) {
      await record("blocked", { error: decision.reason });
      return {
        refuse: new DomainError(`forbidden:${decision.code}`, decision.reason, undefined, {
          policyId: decision.policyId,
          scope,
          task,
        }),
      };
    }
    if (!handler || !decision.taskId) {
      const error = new DomainError("invalid:task", `${task} is in the catalog but this runspace cannot run it.`);
      await record("failed", { error: error.message });
      return { refuse: error };
    }
    const { organization } = await describeWorkload(tx, { actor });
    try {
      const result = await tx.transaction(async (savepoint) => {
        const valid = parseParameters(handler.parameters, parameters);
        return handler.run({ tx: savepoint, organisationId: actor.organisationId, organization, actorEmail: actor.email }, valid);
      });
      const runId = await record("succeeded", { result });
      return { runId, scope, task, outcome: "succeeded" as const, result, requestId: decision.requestId, endsAt: decision.endsAt?.toISOString() ?? null };
    } catch (error) {
      // The savepoint undid whatever the task had written; the failure itself is kept.
      if (!(error instanceof DomainError)) throw error;
      // Parameters the schema refused are answered next to each field; what the cmdlet itself
      // refused reads as PowerShell prints it, the cmdlet's name first.
      const refusal = error.code === "invalid:parameters" ? error : cmdletError(task, error);
      await record("failed", { error: refusal.message });
      return { refuse: refusal };
    }
  });
}

async function refuseExternal(db: Database, actor: Actor, scope: string) {
  const [row] = await db
    .select({ kind: scopes.kind })
    .from(scopes)
    .where(and(eq(scopes.organisationId, actor.organisationId), eq(scopes.name, scope)));
  if (row?.kind === "external") {
    throw new DomainError(
      "invalid:not-runnable",
      `${scope} tasks run outside Elevate; ask POST /access/check whether one is allowed, then run it in ${scope}.`,
      undefined,
      { scope },
    );
  }
}

function parseParameters(schema: z.ZodObject, parameters: Record<string, unknown>) {
  try {
    return parseInput(schema, parameters);
  } catch (error) {
    if (error instanceof DomainError) {
      throw new DomainError("invalid:parameters", error.message.replace("Some fields", "Some parameters"), error.fields);
    }
    throw error;
  }
}

function recorder(
  tx: Transaction,
  actor: Actor,
  decision: AccessDecision,
  { scope, task, redacted }: { scope: string; task: string; redacted: Record<string, unknown> },
) {
  return async (outcome: "succeeded" | "blocked" | "failed", { result, error }: { result?: unknown; error?: string }) => {
    let runId: string | null = null;
    if (decision.taskId) {
      const [run] = await tx
        .insert(taskRuns)
        .values({
          organisationId: actor.organisationId,
          userId: actor.userId,
          scopeId: (await scopeIdOf(tx, decision.taskId))!,
          taskId: decision.taskId,
          requestId: decision.requestId,
          outcome,
          parameters: redacted,
          result: result ?? null,
          error: error ?? null,
          decisionReason: decision.code,
        })
        .returning({ id: taskRuns.id });
      runId = run!.id;
    }
    auditOf(tx).record({
      organisationId: actor.organisationId,
      actor: auditActorOf(actor),
      action: outcome === "succeeded" ? "task.executed" : outcome === "blocked" ? "task.blocked" : "task.failed",
      targetType: "task",
      targetId: decision.taskId,
      details: { scope, task, parameters: redacted, decision: decision.code, requestId: decision.requestId, runId, error },
    });
    return runId;
  };
}

async function scopeIdOf(tx: Transaction, taskId: string) {
  const task = await tx.query.tasks.findFirst({ where: (t, { eq }) => eq(t.id, taskId), columns: { scopeId: true } });
  return task?.scopeId;
}
