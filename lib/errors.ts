/**
 * Typed domain errors. The code is `<kind>:<detail>` (`forbidden:approve-own-request`,
 * `conflict:already-decided`, `invalid:duration`, `limit:policies`); the kind alone decides the HTTP
 * status and how a screen shows it, so every caller maps errors the same way.
 */
export type ErrorKind = "invalid" | "unauthorized" | "forbidden" | "not-found" | "conflict" | "limit" | "rate-limited" | "unavailable";

export type FieldErrors = Record<string, string[]>;

export class DomainError extends Error {
  readonly kind: ErrorKind;

  constructor(
    readonly code: `${ErrorKind}:${string}`,
    message: string,
    /** For `invalid` errors: which input fields are wrong and why, shown next to each field. */
    readonly fields?: FieldErrors,
    /** Machine-readable extras a caller may act on (the policy to request, say). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "DomainError";
    this.kind = code.slice(0, code.indexOf(":")) as ErrorKind;
  }
}

const statusByKind: Record<ErrorKind, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  "not-found": 404,
  conflict: 409,
  // A limit reached is a conflict with the organisation's settings, not bad input.
  limit: 409,
  "rate-limited": 429,
  // Not the caller's fault and not for good: the database is unreachable for now (db/outage.ts).
  unavailable: 503,
};

export function httpStatusOf(error: DomainError): number {
  // The one invalid request that HTTP names itself: a method the path does not have.
  if (error.code === "invalid:method") return 405;
  return statusByKind[error.kind];
}

/** Shorthand for one invalid field: `invalidField("invalid:duration", "durationHours", "…")`. */
export function invalidField(code: `invalid:${string}`, field: string, message: string): DomainError {
  return new DomainError(code, message, { [field]: [message] });
}
