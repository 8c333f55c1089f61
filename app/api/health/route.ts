import { DATABASE_RETRY_AFTER_SECONDS } from "@/db/outage";
import { checkHealth } from "@/lib/health/check-health";

export const dynamic = "force-dynamic";

/** Liveness and readiness in one: 200 only when the database answers a real query. */
export async function GET() {
  const health = await checkHealth();
  return Response.json(health, {
    status: health.ok ? 200 : 503,
    headers: health.ok
      ? { "cache-control": "no-store" }
      : { "cache-control": "no-store", "retry-after": String(DATABASE_RETRY_AFTER_SECONDS) },
  });
}
