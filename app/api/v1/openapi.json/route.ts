import { openApiAnswer } from "@/lib/server/api/openapi";

// Under `npm run dev`; the production server answers this path itself (lib/server/api/node-handler.ts).

export const dynamic = "force-dynamic";

/** GET (and HEAD, which Next answers with it) the document; every other method the contract's 405 with Allow. */
function handle(request: Request) {
  return openApiAnswer(request.method);
}

export { handle as GET, handle as POST, handle as PUT, handle as PATCH, handle as DELETE, handle as OPTIONS };
