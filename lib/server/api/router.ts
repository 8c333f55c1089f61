/**
 * API v1's dispatcher: finds the endpoint, limits the rate, authenticates the token, validates the
 * query and body, calls the domain and answers in the contract's shapes. Every failure, unknown
 * routes and wrong methods included, is the contract's error JSON.
 */
import { randomUUID } from "node:crypto";
import { database } from "@/db/client";
import { isDataException } from "@/db/data-exception";
import { isDatabaseUnavailable } from "@/db/outage";
import { DomainError } from "@/lib/errors";
import { apiLimits } from "@/lib/rate-limit/limits";
import { clientInfoOf } from "@/lib/server/http/client-address";
import { admitApiCall } from "@/lib/tokens/authenticate-token";
import { hashToken } from "@/lib/tokens/token-secret";
import { parseInput } from "@/lib/validation";
import type { Endpoint, Method } from "./endpoint";
import { endpoints } from "./endpoints";
import { noQuery, queryObject } from "./endpoints/query";
import { databaseUnavailable, errorResponse, internalError } from "./errors";
import { MAX_BODY_BYTES, readJsonBody } from "./read-body";

function match(path: string, pattern: string): Record<string, string> | null {
  const parts = path.split("/").filter(Boolean);
  const expected = pattern.split("/").filter(Boolean);
  if (parts.length !== expected.length) return null;
  const params: Record<string, string> = {};
  for (const [i, segment] of expected.entries()) {
    const part = decodeSegment(parts[i]!);
    if (segment.startsWith("{")) params[segment.slice(1, -1)] = part;
    else if (segment !== part) return null;
  }
  return params;
}

function decodeSegment(segment: string) {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new DomainError("invalid:path", `The path segment "${segment}" is not valid percent-encoding.`);
  }
}

function route(method: string, path: string): { endpoint: Endpoint; params: Record<string, string> } {
  const candidates = endpoints.flatMap((endpoint) => {
    const params = match(path, endpoint.path);
    return params ? [{ endpoint, params }] : [];
  });
  if (candidates.length === 0) throw new DomainError("not-found:route", `There is no API route ${path}.`);
  // HEAD is answered as GET (without the body), wherever there is a GET.
  const found = candidates.find((c) => c.endpoint.method === (method === "HEAD" ? "GET" : method));
  if (!found) {
    const allow = allowOf(candidates.map((c) => c.endpoint.method));
    throw new DomainError("invalid:method", `${method} is not allowed on ${path}: use ${allow}.`, undefined, { allow });
  }
  return found;
}

/** An Allow header's list: the methods a path has, and HEAD wherever there is GET. */
function allowOf(methods: string[]) {
  const allowed = new Set(methods);
  if (allowed.has("GET")) allowed.add("HEAD");
  return [...allowed].sort().join(", ");
}

/**
 * The contract's answer to a method that no endpoint has, for a caller that cannot hand it to
 * `dispatch` (a fetch Request refuses TRACE and CONNECT): 405 with the path's Allow, 404 for a path
 * that does not exist.
 */
export function refuseMethod(method: string, path: string): Response {
  try {
    route(method, path);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return errorResponse(error);
  }
  throw new Error(`${method} ${path} is an endpoint: dispatch it`);
}

/** How large a body this call may send: the endpoint's own limit, or the default (unknown routes too). */
export function bodyLimitOf(method: string, path: string): number {
  try {
    return route(method, path).endpoint.maxBodyBytes ?? MAX_BODY_BYTES;
  } catch {
    return MAX_BODY_BYTES;
  }
}

function clientOf(request: Request) {
  const client = clientInfoOf(request.headers);
  // The rate limits need a key even where no address was resolved (under `next dev`).
  return { ...client, ip: client.ip ?? "local" };
}

/** `requestId` names this call in the log (the callers send it back as `x-request-id`). */
export async function dispatch(request: Request, path: string, requestId: string = randomUUID()): Promise<Response> {
  try {
    const { endpoint, params } = route(request.method as Method, path);
    const { db } = await database();
    const client = clientOf(request);
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "")?.[1];
    // The per-token limit is keyed by the token's hash, so it needs no lookup first.
    const limits = apiLimits({ ip: client.ip, tokenKey: bearer ? hashToken(bearer).slice(0, 32) : undefined });
    const authenticated = await admitApiCall(db, { token: bearer, limits, client });

    // Endpoints without query parameters refuse any, like unknown body fields.
    const querySchema = endpoint.query ?? noQuery;
    const query = parseInput(querySchema, queryObject(new URL(request.url), querySchema));
    const body = endpoint.body ? await readJsonBody(request, endpoint.maxBodyBytes) : undefined;
    if (endpoint.body) parseInput(endpoint.body, body);
    const result = await endpoint.handle({ db, actor: authenticated.actor, params, query, body });
    if (result instanceof Response) return result;
    return Response.json(result, { status: endpoint.status ?? 200, headers: { "cache-control": "no-store" } });
  } catch (error) {
    if (error instanceof DomainError) return errorResponse(error);
    // A value Postgres refused (a NUL byte in a path or cursor, say) is the client's, not a fault of ours.
    if (isDataException(error)) {
      return errorResponse(new DomainError("invalid:input", "The request holds a value that cannot be stored or compared (a NUL byte, say)."));
    }
    if (isDatabaseUnavailable(error)) return databaseUnavailable(error, requestId);
    return internalError(error, requestId);
  }
}
