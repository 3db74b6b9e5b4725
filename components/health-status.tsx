"use client";

import { useQuery } from "@tanstack/react-query";
import { useT } from "@/lib/i18n/i18n-provider";
import { healthQueries } from "@/lib/queries/health";

const MODE_LABEL = { simulator: "modeSimulator", fleetup: "modeFleetup" } as const;
const STATUS_LABEL = { ok: "healthOk", degraded: "healthDegraded" } as const;

/** The server's health and upstream, compact for the dashboard header; polled from /api/health. */
export function HealthStatus() {
  const { data, error } = useQuery(healthQueries.status());
  const t = useT("pages");
  return (
    <section
      aria-label={t("healthLabel")}
      className="flex items-center gap-1.5 text-xs text-slate-600 dark:text-slate-300"
    >
      <span data-testid="upstream-mode">{data ? t(MODE_LABEL[data.upstream.mode]) : "…"}</span>
      <span aria-hidden="true">·</span>
      <span className="sr-only">{t("healthStatus")}</span>
      <span
        data-testid="health-status"
        data-status={data?.status}
        className={error && !data ? "text-red-700 dark:text-red-300" : ""}
      >
        {data ? t(STATUS_LABEL[data.status]) : error ? t("healthUnreachable") : t("healthChecking")}
      </span>
    </section>
  );
}
