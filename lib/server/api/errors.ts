import { DomainError, httpStatusOf } from "@/lib/errors";

/** The contract's error shape. Never a stack trace. */
export function errorResponse(error: DomainError, extraHeaders: Record<string, string> = {}) {
  const headers: Record<string, string> = { "cache-control": "no-store", ...extraHeaders };
  const retryAfter = error.details?.retryAfterSeconds;
  if (typeof retryAfter === "number") headers["retry-after"] = String(retryAfter);
  const body: { error: { code: string; message: string; fields?: Record<string, string[]> } } = {
    error: { code: error.code, message: error.message },
  };
  if (error.kind === "invalid" && error.fields) body.error.fields = error.fields;
  return Response.json(body, { status: httpStatusOf(error), headers });
}

export function internalError(error: unknown) {
  // The reason goes to the server log only; never secrets: errors here carry no request bodies.
  console.error("[api] unexpected error:", error instanceof Error ? error.message : error);
  return Response.json(
    { error: { code: "internal:error", message: "Something went wrong on our side. It has been logged." } },
    { status: 500, headers: { "cache-control": "no-store" } },
  );
}
