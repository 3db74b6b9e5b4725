"use client";

import { useQuery } from "@tanstack/react-query";
import type { LiveVehicle } from "@/lib/fleet/live";
import { fixAgeMs, isFixOld, type StatusThresholds } from "@/lib/fleet/status";
import type { Trip } from "@/lib/fleet/types";
import { fleetQueries } from "@/lib/queries/fleet";
import type { SpeedUnits } from "@/lib/queries/url-state";
import { useServerNow } from "@/components/dashboard/use-now";
import { Button } from "@/components/ui/button";
import { formatAge, formatDistance, formatHeading, formatRelative, formatSpeed } from "./format";
import { StatusBadge } from "./status-badge";

/** The selected vehicle: who, where, how fast, since when, its trip and its trail. */
export function VehicleDetail(props: {
  vehicle: LiveVehicle;
  trip?: Trip;
  units: SpeedUnits;
  /** The server's status settings: when a fix counts as old. */
  thresholds: StatusThresholds | undefined;
  follow: boolean;
  onFollow: (follow: boolean) => void;
  onCenter: () => void;
  onNearest: () => void;
  onClose: () => void;
  /** Replays this vehicle's last hour (dispatchers and up). */
  onReplay?: () => void;
}) {
  const { vehicle: v, units } = props;
  const now = useServerNow(1000);
  const detail = useQuery(fleetQueries.vehicle(v.id));
  const trip = props.trip ?? detail.data?.trip ?? undefined;
  const age = fixAgeMs(v.fixTime, now);
  const old = props.thresholds !== undefined && isFixOld(age, props.thresholds);
  const trail = detail.data?.trail;
  return (
    <section
      aria-labelledby="vehicle-detail-title"
      data-testid="vehicle-detail"
      data-vehicle-id={v.id}
      className="flex flex-col gap-3 border-b border-slate-200 p-3 dark:border-slate-800"
    >
      <header className="flex items-start justify-between gap-2">
        <div className="min-w-0">
          <h2 id="vehicle-detail-title" className="truncate text-lg font-bold">
            {v.name}
          </h2>
          <p className="text-sm text-slate-600 dark:text-slate-300">
            {[v.plate, v.driver].filter(Boolean).join(" · ") || v.id}
          </p>
        </div>
        <Button onClick={props.onClose} aria-label={`Close ${v.name}`} className="px-2">
          ✕
        </Button>
      </header>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-slate-600 dark:text-slate-300">Status</dt>
        <dd className="flex flex-wrap items-center gap-x-2">
          <StatusBadge status={v.status} />
          <span className="text-slate-600 dark:text-slate-300">
            since {formatRelative(v.statusSince, now)}
          </span>
        </dd>
        <dt className="text-slate-600 dark:text-slate-300">Speed</dt>
        <dd className="tabular-nums" data-testid="vehicle-speed">
          {formatSpeed(v.speedKph, units)}
        </dd>
        <dt className="text-slate-600 dark:text-slate-300">Heading</dt>
        <dd className="tabular-nums">{formatHeading(v.headingDeg)}</dd>
        <dt className="text-slate-600 dark:text-slate-300">Last fix</dt>
        <dd className={old ? "font-semibold text-amber-800 dark:text-amber-300" : ""}>
          {formatAge(age)} old{old ? " (old)" : ""}
        </dd>
        <dt className="text-slate-600 dark:text-slate-300">Position</dt>
        <dd className="tabular-nums" data-testid="vehicle-position">
          {v.lat.toFixed(5)}, {v.lng.toFixed(5)}
        </dd>
        <dt className="text-slate-600 dark:text-slate-300">Trip</dt>
        <dd data-testid="vehicle-trip">
          {trip
            ? `${formatDistance(trip.distanceM, units)} in ${formatAge(now - trip.startTime)}`
            : "Not on a trip"}
        </dd>
        <dt className="text-slate-600 dark:text-slate-300">Trail</dt>
        <dd>
          {detail.isPending
            ? "Loading…"
            : detail.data?.trailError
              ? `Unavailable: ${detail.data.trailError}`
              : trail
                ? `${trail.points.length} fixes in the last hour`
                : "None"}
        </dd>
      </dl>
      <div className="flex flex-wrap gap-2">
        <Button aria-pressed={props.follow} onClick={() => props.onFollow(!props.follow)}>
          {props.follow ? "Following" : "Follow"}
        </Button>
        <Button onClick={props.onCenter}>Show on map</Button>
        <Button onClick={props.onNearest}>Nearest vehicles</Button>
        {props.onReplay ? <Button onClick={props.onReplay}>Replay</Button> : null}
      </div>
    </section>
  );
}
