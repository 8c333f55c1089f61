import { randomUUID } from "node:crypto";
import { API_PREFIX } from "@/lib/server/api/node-handler";
import { dispatch } from "@/lib/server/api/router";

// Under `npm run dev`. The production server (`npm start`) answers /api/v1 before Next routes it,
// with the same dispatcher: see lib/server/api/node-handler.ts.

export const dynamic = "force-dynamic";

/** The path as sent (still percent-encoded), as the production server passes it: Next's params are decoded already. */
async function handle(request: Request) {
  const requestId = randomUUID(); // names the call in the log; sent back so a person can quote it
  const response = await dispatch(request, new URL(request.url).pathname.slice(API_PREFIX.length) || "/", requestId);
  response.headers.set("x-request-id", requestId);
  return response;
}

// HEAD and OPTIONS too, or Next would answer them itself: OPTIONS with a 204 listing every method
// of this file whatever the path. The dispatcher answers HEAD as GET, and OPTIONS (which no endpoint
// has) as the contract's 405 with the path's Allow. TRACE never gets here: Next refuses it (400)
// before any handler, under `next dev` only; the production server answers it 405 itself.
export { handle as GET, handle as HEAD, handle as POST, handle as PATCH, handle as DELETE, handle as PUT, handle as OPTIONS };
