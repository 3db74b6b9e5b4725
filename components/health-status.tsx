"use client";

import { useQuery } from "@tanstack/react-query";
import { healthQueries } from "@/lib/queries/health";

const MODE_LABEL = { simulator: "Simulator", fleetup: "FleetUp" } as const;

/** The server's health, live: polled from /api/health. */
export function HealthStatus() {
  const { data, error, isPending, dataUpdatedAt } = useQuery(healthQueries.status());

  if (isPending) {
    return <p role="status">Checking the server…</p>;
  }
  if (error && !data) {
    return (
      <p role="alert" className="text-red-700 dark:text-red-400">
        The server cannot be reached: {error.message}
      </p>
    );
  }
  return (
    <section aria-label="Server health">
      <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
        <dt className="text-slate-500">Status</dt>
        <dd data-testid="health-status" className="font-semibold">
          {data.status}
        </dd>
        <dt className="text-slate-500">Upstream</dt>
        <dd data-testid="upstream-mode">{MODE_LABEL[data.upstream.mode]}</dd>
        <dt className="text-slate-500">Version</dt>
        <dd>{data.version}</dd>
        <dt className="text-slate-500">Checked</dt>
        <dd>
          <time dateTime={new Date(dataUpdatedAt).toISOString()}>
            {new Date(dataUpdatedAt).toLocaleTimeString()}
          </time>
          {error ? <span className="ml-2 text-amber-700">(last check failed)</span> : null}
        </dd>
      </dl>
    </section>
  );
}
