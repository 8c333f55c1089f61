/**
 * The one wrapper every server action goes through: session → zod parse → domain call → typed
 * result. Every action is a public POST, so none trusts that its button was shown: the domain
 * function authorises again.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { type Database, db } from "@/db/client";
import { isDataException } from "@/db/data-exception";
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from "@/db/outage";
import { currentActor } from "@/lib/server/auth/current-actor";
import type { Actor } from "@/lib/auth/roles";
import { DomainError, type FieldErrors } from "@/lib/errors";
import { logger } from "@/lib/log/logger";
import { parseInput } from "@/lib/validation";

export type ActionResult<T> =
  | { ok: true; data: T; message?: string }
  | { ok: false; code: string; message: string; errors?: FieldErrors; details?: Record<string, unknown> };

export const initialResult = { ok: false, code: "", message: "" } as const;

interface ActionOptions {
  /** Paths whose server-rendered data the action changes. */
  revalidate?: string[];
  /** The toast shown on success. */
  success?: string;
}

export function action<Input, Output>(
  schema: z.ZodType<Input>,
  run: (context: { db: Database; actor: Actor; input: Input }) => Promise<Output>,
  options: ActionOptions = {},
) {
  // Callable as `action(input)` from client code, or as `(previousState, formData)` by
  // useActionState, which keeps forms working before JavaScript loads.
  return async (...args: [input: unknown] | [previous: unknown, formData: FormData]): Promise<ActionResult<Output>> => {
    const input = args.length === 2 ? args[1] : args[0];
    try {
      // Inside the try: finding the session is the first query, and the database may be down.
      const actor = await currentActor();
      if (!actor) return { ok: false, code: "unauthorized:session", message: "Your session has ended: sign in again." };
      const parsed = parseInput(schema, input instanceof FormData ? formObject(input) : input);
      const data = await run({ db: await db(), actor, input: parsed });
      for (const path of options.revalidate ?? []) revalidatePath(path);
      return { ok: true, data, message: options.success };
    } catch (error) {
      if (error instanceof DomainError) {
        return { ok: false, code: error.code, message: error.message, errors: error.fields, details: error.details };
      }
      if (isDataException(error)) {
        return { ok: false, code: "invalid:input", message: "The form holds a value that cannot be stored (a NUL byte, say)." };
      }
      if (isDatabaseUnavailable(error)) {
        logger.warn({ err: error }, "server action: the database is unreachable");
        return { ok: false, code: "unavailable:database", message: DATABASE_UNAVAILABLE_MESSAGE };
      }
      const requestId = randomUUID(); // a reference a person can quote and an operator find in the log
      logger.error({ err: error, requestId }, "server action: unexpected error");
      return { ok: false, code: "internal:error", message: `Something went wrong on our side. Try again (reference ${requestId}).` };
    }
  };
}

/** FormData as a plain object; empty fields count as absent, repeated names become arrays. */
function formObject(formData: FormData) {
  const object: Record<string, unknown> = {};
  for (const [key, value] of formData.entries()) {
    if (key.startsWith("$ACTION")) continue;
    if (value === "") continue;
    object[key] = key in object ? [...([] as unknown[]).concat(object[key]), value] : value;
  }
  return object;
}
