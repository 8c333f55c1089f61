import { checkHealth } from "@/lib/health/check-health";

export const dynamic = "force-dynamic";

/** Liveness and readiness in one: 200 only when the database answers a real query. */
export async function GET() {
  const health = await checkHealth();
  return Response.json(health, {
    status: health.ok ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
}
