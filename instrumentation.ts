import type { Instrumentation } from "next";

export async function register() {
  // Only the Node.js server opens the database; the Edge runtime never does.
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startServer } = await import("./lib/server/startup/start-server");
    await startServer();
  }
}

/**
 * A page, route handler or server action that failed, through the one logger: the production
 * server starts Next quiet, because Next's own report of the error is its message, which for a
 * failed query holds the query's values (a session token, say). The path without its query
 * string, which may hold an address; no headers, which hold cookies.
 */
export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const [{ logger }, { isDatabaseUnavailable }] = await Promise.all([import("./lib/log/logger"), import("./db/outage")]);
  const digest = typeof error === "object" && error !== null && "digest" in error ? String(error.digest) : undefined;
  const record = { err: error, digest, method: request.method, path: request.path.split("?")[0], route: context.routePath, type: context.routeType };
  if (isDatabaseUnavailable(error)) logger.warn(record, "request failed: the database is unreachable");
  else logger.error(record, "request failed: unexpected error");
};
