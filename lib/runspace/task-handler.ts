/**
 * What a task of the runspace is: its parameter schema and the code that runs it. Handlers work on
 * real tables (the demo Exchange workload in db/schema.ts) inside the transaction `runTask` opens,
 * so a failed task leaves nothing half-done. They know nothing about access: `runTask` has decided
 * that before a handler is called.
 */
import type { z } from "zod";
import type { Transaction } from "@/db/client";

/** The workload a task works on: one organisation's rows, in the run's transaction. */
export interface Workload {
  tx: Transaction;
  organisationId: string;
  /** The Exchange organization as its errors name it: the tenant, `contoso.onmicrosoft.com`. */
  organization: string;
}

export interface TaskContext extends Workload {
  /** Who runs it, for fields such as "created by" in results. */
  actorEmail: string;
}

export interface TaskHandler<Schema extends z.ZodObject = z.ZodObject> {
  scope: string;
  name: string;
  /** zod object schema of the parameters, PowerShell-style names (Identity, Name, Recipient…). */
  parameters: Schema;
  /** Parameters never stored or audited in clear (passwords, keys): replaced by "[redacted]". */
  secretParameters?: string[];
  /** Runs the task; returns a JSON-serialisable result like the cmdlet's output object(s). */
  run(context: TaskContext, parameters: z.infer<Schema>): Promise<unknown>;
}

export function defineTask<Schema extends z.ZodObject>(handler: TaskHandler<Schema>): TaskHandler {
  return handler as unknown as TaskHandler;
}
