"use client";

import { useQuery } from "@tanstack/react-query";
import { healthQueries } from "@/lib/queries/health";

const MODE_LABEL = { simulator: "Simulator", fleetup: "FleetUp" } as const;

/** The server's health and upstream, compact for the dashboard header; polled from /api/health. */
export function HealthStatus() {
  const { data, error } = useQuery(healthQueries.status());
  return (
    <section
      aria-label="Server health"
      className="flex items-center gap-1.5 text-xs text-slate-600 dark:text-slate-300"
    >
      <span data-testid="upstream-mode">{data ? MODE_LABEL[data.upstream.mode] : "…"}</span>
      <span aria-hidden="true">·</span>
      <span className="sr-only">Server status</span>
      <span
        data-testid="health-status"
        className={error && !data ? "text-red-700 dark:text-red-300" : ""}
      >
        {data ? data.status : error ? "unreachable" : "checking"}
      </span>
    </section>
  );
}
