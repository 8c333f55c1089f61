/**
 * SQLSTATE class 22 ("data exception"): Postgres refused a value itself (a NUL byte in text, half
 * a surrogate pair in jsonb, a number out of range), so the statement wrote nothing. Drizzle wraps
 * the driver's error as the cause of its own, hence the walk down the chain.
 */
export function isDataException(error: unknown): boolean {
  let e = error as { code?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; e && depth < 5; depth++, e = e.cause as typeof e) {
    if (typeof e.code === "string" && e.code.startsWith("22")) return true;
  }
  return false;
}
