import { randomUUID } from "node:crypto";
import { DATABASE_RETRY_AFTER_SECONDS, DATABASE_UNAVAILABLE_MESSAGE } from "@/db/outage";
import { DomainError, httpStatusOf } from "@/lib/errors";
import { logger } from "@/lib/log/logger";

/**
 * The contract's error shape. Never a stack trace. The headers an error calls for come from its
 * details: `Retry-After` for a limit or an outage, `Allow` for a method the path does not have.
 */
export function errorResponse(error: DomainError, extraHeaders: Record<string, string> = {}) {
  const headers: Record<string, string> = { "cache-control": "no-store", ...extraHeaders };
  const retryAfter = error.details?.retryAfterSeconds;
  if (typeof retryAfter === "number") headers["retry-after"] = String(retryAfter);
  const allow = error.details?.allow;
  if (typeof allow === "string") headers.allow = allow;
  const body: { error: { code: string; message: string; fields?: Record<string, string[]>; details?: Record<string, unknown> } } = {
    error: { code: error.code, message: error.message },
  };
  if (error.kind === "invalid" && error.fields) body.error.fields = error.fields;
  // The message is for a person; what a script acts on (the request that already exists) is here.
  if (error.code === "conflict:request-exists" && error.details) body.error.details = error.details;
  return Response.json(body, { status: httpStatusOf(error), headers });
}

/**
 * A fault of ours: logged whole (stack, cause, never the query's values), answered with the request
 * id only, which a person can quote and an operator find in the log.
 */
export function internalError(error: unknown, requestId: string = randomUUID()) {
  logger.error({ err: error, requestId }, "API v1: unexpected error");
  return Response.json(
    {
      error: {
        code: "internal:error",
        message: `Something went wrong on our side. It has been logged with the request id ${requestId}.`,
      },
    },
    { status: 500, headers: { "cache-control": "no-store", "x-request-id": requestId } },
  );
}

/** The database cannot be reached: the contract's 503, calm, and a warning in the log (not a fault of ours). */
export function databaseUnavailable(error: unknown, requestId: string = randomUUID()) {
  logger.warn({ err: error, requestId }, "API v1: the database is unreachable");
  const unavailable = new DomainError("unavailable:database", DATABASE_UNAVAILABLE_MESSAGE, undefined, {
    retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS,
  });
  return errorResponse(unavailable, { "x-request-id": requestId });
}
