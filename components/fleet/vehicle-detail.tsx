"use client";

import { useQuery } from "@tanstack/react-query";
import type { LiveVehicle } from "@/lib/fleet/live";
import { fixAgeMs, isFixOld, type StatusThresholds } from "@/lib/fleet/status";
import type { Trip } from "@/lib/fleet/types";
import { useFormat, useT } from "@/lib/i18n/i18n-provider";
import { fleetQueries } from "@/lib/queries/fleet";
import type { SpeedUnits } from "@/lib/queries/url-state";
import { useServerNow } from "@/components/dashboard/use-now";
import { Button } from "@/components/ui/button";
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
  const t = useT("fleet");
  const common = useT("common");
  const format = useFormat();
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
        <Button
          onClick={props.onClose}
          aria-label={t("detailClose", { name: v.name })}
          className="px-2"
        >
          ✕
        </Button>
      </header>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-slate-600 dark:text-slate-300">{t("detailStatus")}</dt>
        <dd className="flex flex-wrap items-center gap-x-2">
          <StatusBadge status={v.status} />
          <span className="text-slate-600 dark:text-slate-300">
            {t("detailSince", { time: format.relative(v.statusSince, now) })}
          </span>
        </dd>
        <dt className="text-slate-600 dark:text-slate-300">{t("detailSpeed")}</dt>
        <dd className="tabular-nums" data-testid="vehicle-speed">
          {format.speed(v.speedKph, units)}
        </dd>
        <dt className="text-slate-600 dark:text-slate-300">{t("detailHeading")}</dt>
        <dd className="tabular-nums">{format.heading(v.headingDeg)}</dd>
        <dt className="text-slate-600 dark:text-slate-300">{t("detailLastFix")}</dt>
        <dd className={old ? "font-semibold text-amber-800 dark:text-amber-300" : ""}>
          {t(old ? "detailFixAgeOld" : "detailFixAge", { age: format.age(age) })}
        </dd>
        <dt className="text-slate-600 dark:text-slate-300">{t("detailPosition")}</dt>
        <dd className="tabular-nums" data-testid="vehicle-position">
          {/* Coordinates read left to right in every language (a minus sign stays in front). */}
          <span dir="ltr">
            {v.lat.toFixed(5)}, {v.lng.toFixed(5)}
          </span>
        </dd>
        <dt className="text-slate-600 dark:text-slate-300">{t("detailTrip")}</dt>
        <dd data-testid="vehicle-trip">
          {trip
            ? t("detailTripProgress", {
                distance: format.distance(trip.distanceM, units),
                duration: format.age(now - trip.startTime),
              })
            : t("detailNoTrip")}
        </dd>
        <dt className="text-slate-600 dark:text-slate-300">{t("detailTrail")}</dt>
        <dd>
          {detail.isPending
            ? common("loading")
            : detail.data?.trailError
              ? t("detailTrailUnavailable", { reason: detail.data.trailError })
              : trail
                ? t("detailTrailFixes", { n: trail.points.length })
                : t("detailTrailNone")}
        </dd>
      </dl>
      <div className="flex flex-wrap gap-2">
        <Button aria-pressed={props.follow} onClick={() => props.onFollow(!props.follow)}>
          {props.follow ? t("following") : t("follow")}
        </Button>
        <Button onClick={props.onCenter}>{t("showOnMap")}</Button>
        <Button onClick={props.onNearest}>{t("nearestVehicles")}</Button>
        {props.onReplay ? <Button onClick={props.onReplay}>{t("replay")}</Button> : null}
      </div>
    </section>
  );
}
