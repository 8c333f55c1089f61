import { dispatch } from "../_lib/router";

// Under `npm run dev`. The production server (`npm start`) answers /api/v1 before Next routes it,
// with the same dispatcher: see ../_lib/node-handler.ts.

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ path?: string[] }> };

async function handle(request: Request, { params }: Context) {
  const { path = [] } = await params;
  return dispatch(request, `/${path.join("/")}`);
}

export { handle as GET, handle as POST, handle as PATCH, handle as DELETE, handle as PUT };
