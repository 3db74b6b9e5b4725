import packageJson from "@/package.json";
import { hasMetricsToken } from "@/lib/auth/metrics-token";
import { optionalFleetReader } from "@/lib/auth/session";
import { getBuildId } from "@/lib/build-id";
import { databaseHealth } from "@/lib/db/server";
import { getEnv } from "@/lib/env";
import type { FeedReport, HealthDetails, PublicHealth } from "@/lib/fleet/health";
import { route } from "@/lib/http/route";
import { droppedSummary } from "@/lib/live/metrics";
import { getLiveService } from "@/lib/live/service";

export const dynamic = "force-dynamic";

/**
 * Open to everyone (load balancers, uptime checks), who learn only `ok` or `degraded`. A
 * signed-in person, a wall screen's display session or a scraper with the metrics token also get
 * the details: the build (a wall reloads after a deployment), the upstream mode, what FleetUp
 * sent that could not be used, the scheduler's state, each feed's age and last error in our
 * words and FleetUp's (redacted of every secret and token by the adapter), and the database
 * (engine, reachable, migration version). It stays 200 when FleetUp or the database fails
 * ("degraded"): this instance still serves the last good snapshot to the screens it has.
 */
async function health(request: Request) {
  const { upstream } = getEnv();
  const live = getLiveService();
  const now = Date.now();
  const staleness = live.mirror.staleness();
  const database = await databaseHealth();
  const status = staleness.stale || !database.reachable ? "degraded" : "ok";
  const entitled =
    hasMetricsToken(request) || (await optionalFleetReader(request).catch(() => null)) !== null;
  if (!entitled) {
    return Response.json({ status } satisfies PublicHealth, {
      headers: { "cache-control": "no-store" },
    });
  }
  const feeds = Object.fromEntries(
    Object.entries(live.mirror.feedHealth()).map(([name, feed]) => [
      name,
      {
        intervalS: feed.intervalMs / 1000,
        ageS:
          feed.lastSuccessAt === undefined ? null : Math.round((now - feed.lastSuccessAt) / 1000),
        consecutiveFailures: feed.consecutiveFailures,
        lastError: feed.lastError ?? null,
      } satisfies FeedReport,
    ]),
  );
  return Response.json(
    {
      status,
      version: packageJson.version,
      build: getBuildId(),
      upstream: { mode: upstream.mode, dropped: droppedSummary(live.client.metrics()) },
      scheduler: {
        role: live.leader.isLeader ? "leader" : "follower",
        polling: live.poller()?.scheduler.isRunning ?? false,
        snapshotVersion: live.mirror.currentVersion,
        stale: staleness.stale,
        staleReason: staleness.reason ?? null,
        vehicles: live.mirror.vehicleCount(),
        openStreams: live.streams.open,
        streamsAtSocket: live.streams.atSocket,
      },
      feeds,
      database,
      time: new Date(now).toISOString(),
    } satisfies HealthDetails,
    { headers: { "cache-control": "no-store" } },
  );
}

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = route({ GET: health });
