"use client";

import type { ReactNode } from "react";
import { HealthStatus } from "@/components/health-status";
import { Button } from "@/components/ui/button";
import type { StatusCounts } from "@/components/fleet/vehicle-filter";
import type { SpeedUnits, Theme } from "@/lib/queries/url-state";
import { FeedIndicator } from "./feed-indicator";
import { FleetSummary } from "./fleet-summary";

export function DashboardHeader(props: {
  totals: StatusCounts;
  total: number;
  units: SpeedUnits;
  onUnits: (units: SpeedUnits) => void;
  theme: Theme;
  onTheme: (theme: Theme) => void;
  accountBar: ReactNode;
  /** Opens replay (dispatchers and up; absent while replaying). */
  onReplay?: () => void;
}) {
  return (
    <header className="flex flex-wrap items-center gap-x-4 gap-y-2 border-b border-slate-200 bg-white px-4 py-2 dark:border-slate-800 dark:bg-slate-900">
      <h1 className="text-lg font-bold tracking-tight">Fleet Live</h1>
      <FeedIndicator />
      <FleetSummary counts={props.totals} total={props.total} />
      <div className="ml-auto flex items-center gap-3">
        {props.onReplay ? <Button onClick={props.onReplay}>Replay</Button> : null}
        <div role="group" aria-label="Speed units" className="flex">
          {(["kmh", "mph"] as const).map((units) => (
            <Button
              key={units}
              aria-pressed={props.units === units}
              onClick={() => props.onUnits(units)}
              className="px-2 first:rounded-r-none last:rounded-l-none"
            >
              {units === "kmh" ? "km/h" : "mph"}
            </Button>
          ))}
        </div>
        <Button
          aria-pressed={props.theme === "dark"}
          onClick={() => props.onTheme(props.theme === "dark" ? "light" : "dark")}
        >
          Dark theme
        </Button>
        <HealthStatus />
        {props.accountBar}
      </div>
    </header>
  );
}
