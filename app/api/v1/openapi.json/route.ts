import { config } from "@/lib/config";
import { openApiDocument } from "@/lib/server/api/openapi";

export const dynamic = "force-dynamic";

export function GET() {
  return Response.json(openApiDocument(config().publicUrl), { headers: { "cache-control": "public, max-age=300" } });
}
