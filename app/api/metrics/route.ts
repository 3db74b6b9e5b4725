import { Registry } from "prom-client";
import { databaseMetrics } from "@/lib/db/metrics";
import { getLiveService } from "@/lib/live/service";

export const dynamic = "force-dynamic";

/** Prometheus text format. Counts and ages only: no secret, no vehicle data. */
export async function GET() {
  const registry = Registry.merge([getLiveService().metrics.registry, databaseMetrics().registry]);
  return new Response(await registry.metrics(), {
    headers: { "content-type": registry.contentType, "cache-control": "no-store" },
  });
}
