/**
 * API v1 straight from Node's HTTP server, for the production server (`elevate serve`).
 *
 * Next's route-handler machinery (routing, a web-stream request, tracing) costs more CPU than the
 * whole access check it carries: an access check took 1.6 ms of server CPU through it and takes
 * 0.6 ms here (`node e2e/bench-api.mjs`, and with BENCH_VIA=next-start for the former). The
 * production server therefore hands /api/v1 to this handler and every other path to Next.
 * Both paths end in the same `dispatch`; the route handler in `[[...path]]` serves it under
 * `next dev`.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { createGzip } from "node:zlib";
import { config } from "@/lib/config";
import { COMMON_SECURITY_HEADERS, NON_PAGE_CONTENT_SECURITY_POLICY, transportSecurityHeaders } from "@/lib/server/http/security-headers.mjs";
import { OPENAPI_PATH, openApiAnswer } from "./openapi";
import { MAX_BODY_BYTES } from "./read-body";
import { bodyLimitOf, dispatch, refuseMethod } from "./router";

export const API_PREFIX = "/api/v1";

const API_SECURITY_HEADERS = { ...COMMON_SECURITY_HEADERS, "Content-Security-Policy": NON_PAGE_CONTENT_SECURITY_POLICY };

/** The paths answered here: all of API v1, the OpenAPI document too. */
export function isDispatchedPath(pathname: string) {
  return pathname === API_PREFIX || pathname.startsWith(`${API_PREFIX}/`);
}

export async function handleApiRequest(req: IncomingMessage, res: ServerResponse) {
  // Names the call in the log when it fails; sent back so a person can quote it.
  const requestId = randomUUID();
  res.setHeader("x-request-id", requestId);
  // What next.config.js gives the API routes Next serves, and HSTS as the proxy gives pages.
  for (const [name, value] of Object.entries(API_SECURITY_HEADERS)) res.setHeader(name, value);
  for (const [name, value] of Object.entries(transportSecurityHeaders(config().publicUrl))) res.setHeader(name, value);
  const target = req.url ?? "/";
  const pathname = target.split("?")[0]!;
  const path = pathname.slice(API_PREFIX.length) || "/";
  // HEAD reaches the dispatcher as HEAD, which answers it as GET; Node sends no body for it.
  const method = req.method ?? "GET";
  // A route's larger limit (a catalog, a CSV) only for a caller who at least presents a token: an
  // anonymous one is refused anyway, and must not make the server hold megabytes first.
  const presentsToken = /^Bearer\s+\S+$/i.test(req.headers.authorization ?? "");
  const body = await readBoundedBody(req, () => (presentsToken ? bodyLimitOf(method, path) : MAX_BODY_BYTES));
  if (body === "gone") return void res.destroy();
  const response =
    path === OPENAPI_PATH
      ? openApiAnswer(method)
      : FETCH_FORBIDDEN_METHODS.has(method)
        ? refuseMethod(method, path)
        : await dispatch(
            new Request(`http://localhost${target}`, {
              method,
              headers: headersOf(req),
              body: method === "GET" || method === "HEAD" ? undefined : new Uint8Array(body.bytes),
            }),
            path,
            requestId,
          );
  // An unread rest of a body over the limit is not worth reading: answer, then close.
  if (body.truncated) res.shouldKeepAlive = false;
  await writeResponse(response, req, res);
}

/** Accept-Encoding lists gzip (or *) without q=0. */
function acceptsGzip(header: string) {
  return header.split(",").some((entry) => {
    const [coding, ...params] = entry.trim().toLowerCase().split(";");
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    return (coding === "gzip" || coding === "*") && (!q || Number(q.slice(2)) > 0);
  });
}

/** Methods a fetch Request refuses to carry: answered in the contract's shape (405 with Allow) rather than a 500. */
const FETCH_FORBIDDEN_METHODS = new Set(["CONNECT", "TRACE", "TRACK"]);

/**
 * Reads at most one byte more than the limit, so the dispatcher sees an oversized body as
 * oversized without the server buffering all of it. "gone" when the client went away. The limit is
 * MAX_BODY_BYTES unless the endpoint takes more (`largerLimit`, asked only past the default, so
 * ordinary calls route once).
 */
async function readBoundedBody(req: IncomingMessage, largerLimit: () => number): Promise<{ bytes: Buffer; truncated: boolean } | "gone"> {
  let limit = MAX_BODY_BYTES;
  let asked = false;
  const over = (size: number) => {
    if (size > limit && !asked) {
      asked = true;
      limit = Math.max(limit, largerLimit());
    }
    return size > limit;
  };
  const declared = Number(req.headers["content-length"] ?? 0);
  if (over(declared)) return { bytes: Buffer.alloc(0), truncated: true }; // the header alone refuses it
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      size += chunk.length;
      if (over(size)) return { bytes: Buffer.concat(chunks).subarray(0, limit + 1), truncated: true };
    }
  } catch {
    return "gone";
  }
  if (!req.complete) return "gone";
  return { bytes: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks), truncated: false };
}

/** From `req.headers`, not the raw ones: the production server has set the client's address there. */
function headersOf(req: IncomingMessage) {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(name, value);
    else if (value) for (const item of value) headers.append(name, item);
  }
  return headers;
}

async function writeResponse(response: Response, req: IncomingMessage, res: ServerResponse) {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => res.setHeader(name, value));
  if (!response.body || req.method === "HEAD") {
    await response.body?.cancel(); // a HEAD of an export must not build the file
    return void res.end();
  }
  const body = Readable.fromWeb(response.body as WebReadableStream);
  // Downloads (audit exports) can be large and compress well; ordinary answers are small.
  const download = response.headers.get("content-disposition")?.startsWith("attachment");
  const gzip = download && acceptsGzip(String(req.headers["accept-encoding"] ?? ""));
  if (gzip) {
    res.setHeader("content-encoding", "gzip");
    res.setHeader("vary", "accept-encoding");
  }
  // Streamed as read; a client that goes away ends it.
  const streams = gzip ? pipeline(body, createGzip(), res) : pipeline(body, res);
  await streams.catch(() => res.destroy());
}
