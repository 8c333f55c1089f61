/**
 * Whether an error means the database cannot be reached or will not serve right now (an outage,
 * a restart, a failover, a full connection table), rather than that a statement was wrong. Such a
 * failure is answered as "unavailable, try again" and is not a fault in Elevate: the pg pool opens
 * new connections on the next query, so service comes back on its own when the server does.
 *
 * Drizzle wraps the driver's error as the cause of its own, and Node reports a refused connection
 * to a host with several addresses as an AggregateError: the whole chain is searched.
 */

/** How long a client should wait before trying again: the pool reconnects on the next query. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;
export const DATABASE_UNAVAILABLE_MESSAGE = "The database cannot be reached right now. Try again in a few seconds.";

/** Socket-level failures reaching the server (Node's `code`). */
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EHOSTDOWN",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

/**
 * SQLSTATEs: 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up,
 * recovering), 53300 too_many_connections; all of class 08 (connection exceptions) besides.
 */
const SERVER_CODES = new Set(["57P01", "57P02", "57P03", "53300"]);

/** What `pg` says when a connection ends or cannot be had, for it sets no code then. */
const DRIVER_MESSAGES = [
  "Connection terminated", // "… unexpectedly", "… due to connection timeout"
  "timeout exceeded when trying to connect", // the pool's connectionTimeoutMillis
  "Client has encountered a connection error and is not queryable",
];

export function isDatabaseUnavailable(error: unknown): boolean {
  return search(error, 0);
}

function search(error: unknown, depth: number): boolean {
  if (!error || typeof error !== "object" || depth > 6) return false;
  const e = error as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  // An HTTP call's failure (fetch's TypeError, its socket error as the cause) is not the database's.
  if (error instanceof TypeError && e.message === "fetch failed") return false;
  if (typeof e.code === "string" && (NETWORK_CODES.has(e.code) || SERVER_CODES.has(e.code) || /^08[0-9A-Z]{3}$/.test(e.code))) {
    return true;
  }
  if (typeof e.message === "string" && DRIVER_MESSAGES.some((text) => (e.message as string).startsWith(text))) return true;
  if (Array.isArray(e.errors) && e.errors.some((inner) => search(inner, depth + 1))) return true;
  return search(e.cause, depth + 1);
}
