import { getLiveService } from "@/lib/live/service";

export const dynamic = "force-dynamic";

/** Prometheus text format. Counts and ages only: no secret, no vehicle data. */
export async function GET() {
  const { registry } = getLiveService().metrics;
  return new Response(await registry.metrics(), {
    headers: { "content-type": registry.contentType, "cache-control": "no-store" },
  });
}
