import "server-only";
import { Counter, Gauge, Histogram, Registry } from "prom-client";
import type { FleetUpMetrics } from "@/lib/fleetup";
import type { LiveService } from "./service";

/**
 * Prometheus metrics. Counters the adapter keeps (requests, drops, token refreshes) are read at
 * scrape time; upstream latency is observed as each request finishes (see `observeUpstream`).
 */
export type LiveMetrics = {
  registry: Registry;
  observeUpstream(path: string, seconds: number): void;
  bind(live: LiveService): void;
};

export function createLiveMetrics(): LiveMetrics {
  const registry = new Registry();
  let live: LiveService | undefined;

  const latency = new Histogram({
    name: "fleetup_upstream_latency_seconds",
    help: "Time from sending a FleetUp request to its answer, by path",
    labelNames: ["path"],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
    registers: [registry],
  });

  const fromClient = <L extends string>(
    name: string,
    help: string,
    labelNames: L[],
    read: (service: LiveService) => [Partial<Record<L, string>>, number][],
  ) =>
    new Counter({
      name,
      help,
      labelNames,
      registers: [registry],
      collect() {
        this.reset();
        if (!live) return;
        for (const [labels, value] of read(live)) this.inc(labels, value);
      },
    });

  fromClient(
    "fleetup_upstream_requests_total",
    "FleetUp requests by path and outcome (HTTP status, timeout or network)",
    ["path", "status"],
    (service) =>
      Object.entries(service.client.metrics().outcomes).flatMap(([path, outcomes]) =>
        Object.entries(outcomes).map(
          ([status, count]): [{ path: string; status: string }, number] => [
            { path, status },
            count,
          ],
        ),
      ),
  );
  fromClient("fleetup_token_refreshes_total", "Tokens requested from FleetUp", [], (service) => [
    [{}, service.client.metrics().tokenRequests],
  ]);
  fromClient(
    "fleetup_dropped_records_total",
    "Records from FleetUp dropped instead of shown, by endpoint and reason",
    ["endpoint", "reason"],
    (service) =>
      Object.entries(service.client.metrics().dropped).flatMap(([endpoint, reasons]) =>
        Object.entries(reasons ?? {}).map(
          ([reason, count]): [{ endpoint: string; reason: string }, number] => [
            { endpoint, reason },
            count ?? 0,
          ],
        ),
      ),
  );
  fromClient(
    "fleetup_dropped_fields_total",
    "Fields of kept FleetUp records left unknown (unreadable), by endpoint, FleetUp field and reason",
    ["endpoint", "field", "reason"],
    (service) =>
      Object.entries(service.client.metrics().droppedFields).flatMap(([endpoint, fields]) =>
        Object.entries(fields ?? {}).flatMap(([field, reasons]) =>
          Object.entries(reasons).map(
            ([reason, count]): [{ endpoint: string; field: string; reason: string }, number] => [
              { endpoint, field, reason },
              count ?? 0,
            ],
          ),
        ),
      ),
  );
  fromClient("fleetup_rate_limited_total", "429 answers from FleetUp", [], (service) => [
    [{}, service.client.metrics().rateLimited],
  ]);

  const gauge = (name: string, help: string, read: (service: LiveService) => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        if (live) this.set(read(live));
      },
    });

  gauge(
    "fleet_open_streams",
    "Browser streams open on this instance",
    (service) => service.streams.open,
  );
  gauge(
    "fleet_snapshot_version",
    "Version of the fleet snapshot",
    (service) => service.mirror.currentVersion,
  );
  gauge("fleet_snapshot_stale", "1 when the positions are stale", (service) =>
    service.mirror.staleness().stale ? 1 : 0,
  );
  gauge(
    "fleet_positions_age_seconds",
    "Seconds since positions were last fetched (-1 before the first)",
    (service) => {
      const at = service.mirror.feedHealth().positions?.lastSuccessAt;
      return at === undefined ? -1 : (Date.now() - at) / 1000;
    },
  );
  gauge("fleet_vehicles", "Vehicles on the map", (service) => service.mirror.vehicleCount());
  gauge(
    "fleetup_breaker_open",
    "1 while the circuit breaker keeps FleetUp calls from going out",
    (service) => (service.client.metrics().breaker.state === "open" ? 1 : 0),
  );

  return {
    registry,
    observeUpstream(path, seconds) {
      latency.observe({ path }, seconds);
    },
    bind(service) {
      live = service;
    },
  };
}

/**
 * What this instance's FleetUp client dropped since it started, for /api/health: whole records
 * by endpoint and reason, and fields left unknown in kept records by endpoint, FleetUp's field
 * name and reason. Only the polling instance (the leader) drops anything.
 */
export function droppedSummary(metrics: Pick<FleetUpMetrics, "dropped" | "droppedFields">) {
  const nonEmpty = <T extends object>(byEndpoint: Partial<Record<string, T>>) =>
    Object.fromEntries(
      Object.entries(byEndpoint).filter(([, value]) => value && Object.keys(value).length > 0),
    ) as Record<string, T>;
  return { records: nonEmpty(metrics.dropped), fields: nonEmpty(metrics.droppedFields) };
}
