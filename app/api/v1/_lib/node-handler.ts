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
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { MAX_BODY_BYTES } from "./read-body";
import { dispatch } from "./router";

const PREFIX = "/api/v1";

/** The paths the dispatcher answers; the OpenAPI document is a route of its own, left to Next. */
export function isDispatchedPath(pathname: string) {
  return (pathname === PREFIX || pathname.startsWith(`${PREFIX}/`)) && pathname !== `${PREFIX}/openapi.json`;
}

export async function handleApiRequest(req: IncomingMessage, res: ServerResponse) {
  const body = await readBoundedBody(req);
  if (body === "gone") return void res.destroy();
  const target = req.url ?? "/";
  const pathname = target.split("?")[0]!;
  // HEAD is answered as GET (Node sends no body for it), as Next does for route handlers.
  const method = req.method === "HEAD" ? "GET" : req.method;
  const request = new Request(`http://localhost${target}`, {
    method,
    headers: headersOf(req),
    body: method === "GET" ? undefined : new Uint8Array(body.bytes),
  });
  const response = await dispatch(request, pathname.slice(PREFIX.length) || "/");
  // An unread rest of a body over the limit is not worth reading: answer, then close.
  if (body.truncated) res.shouldKeepAlive = false;
  await writeResponse(response, res);
}

/**
 * Reads at most one byte more than the limit, so the dispatcher sees an oversized body as
 * oversized without the server buffering all of it. "gone" when the client went away.
 */
async function readBoundedBody(req: IncomingMessage): Promise<{ bytes: Buffer; truncated: boolean } | "gone"> {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > MAX_BODY_BYTES) return { bytes: Buffer.alloc(0), truncated: true }; // the header alone refuses it
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      size += chunk.length;
      if (size > MAX_BODY_BYTES) return { bytes: Buffer.concat(chunks).subarray(0, MAX_BODY_BYTES + 1), truncated: true };
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

async function writeResponse(response: Response, res: ServerResponse) {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => res.setHeader(name, value));
  if (!response.body) return void res.end();
  // Streamed as read (an audit export can be large); a client that goes away ends it.
  await pipeline(Readable.fromWeb(response.body as WebReadableStream), res).catch(() => res.destroy());
}
