import { Registry } from "prom-client";
import { authMetrics } from "@/lib/auth/metrics";
import { hasMetricsToken } from "@/lib/auth/metrics-token";
import { databaseMetrics } from "@/lib/db/metrics";
import { getEnv } from "@/lib/env";
import { HttpError } from "@/lib/http/http-error";
import { route } from "@/lib/http/route";
import { getLiveService } from "@/lib/live/service";

export const dynamic = "force-dynamic";

/**
 * Prometheus text format, for a scraper holding `Authorization: Bearer $METRICS_TOKEN`; without
 * METRICS_TOKEN there are no metrics (404). Counts and ages only: no secret, no vehicle data.
 */
async function metrics(request: Request) {
  if (!getEnv().metricsToken) throw new HttpError("not_found", "There is nothing here.");
  if (!hasMetricsToken(request)) {
    throw new HttpError("unauthorized", "Send Authorization: Bearer with the metrics token.", {
      "www-authenticate": 'Bearer realm="metrics"',
    });
  }
  const registry = Registry.merge([
    getLiveService().metrics.registry,
    databaseMetrics().registry,
    authMetrics().registry,
  ]);
  return new Response(await registry.metrics(), {
    headers: { "content-type": registry.contentType, "cache-control": "no-store" },
  });
}

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = route({ GET: metrics });
