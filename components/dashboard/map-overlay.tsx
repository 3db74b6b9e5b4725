"use client";

import { useMemo, useState } from "react";
import { fadeSteps, VEHICLE_STATUSES, type StatusThresholds } from "@/lib/fleet/status";
import { useFormat, useLocale, useT } from "@/lib/i18n/i18n-provider";
import { INTL_TAG } from "@/lib/i18n/locales";
import { Button } from "@/components/ui/button";
import { StatusDot, useStatusLabel } from "@/components/fleet/status-badge";
import { ShareViewButton } from "./share-view-button";
import { useLayout } from "./use-layout";

/**
 * The map's own controls (fit all, layers, share) and its legend, over the map's corners. They
 * keep their physical corners in Arabic too: the map (and Leaflet's zoom control, top left) does
 * not mirror.
 */
export function MapOverlay(props: {
  showFences: boolean;
  onFences: (show: boolean) => void;
  showTrips: boolean;
  onTrips: (show: boolean) => void;
  onFitAll: () => void;
  /** The server's status settings; the legend says when a fix fades by them. */
  thresholds?: StatusThresholds;
}) {
  const t = useT("dashboard");
  const format = useFormat();
  const label = useStatusLabel();
  const locale = useLocale();
  // On a phone or a tablet the legend is a button: open, it would cover the fleet.
  const compact = useLayout() !== "desktop";
  const [legendOpen, setLegendOpen] = useState(false);
  // "15 s, 45 s, 1 min": a list of measures, as the language writes one.
  const { thresholds } = props;
  const steps = useMemo(
    () =>
      thresholds &&
      new Intl.ListFormat(INTL_TAG[locale], { type: "unit", style: "short" }).format(
        fadeSteps(thresholds).map(format.age),
      ),
    [thresholds, locale, format],
  );
  return (
    <>
      <div className="absolute top-3 right-3 z-[1000] flex max-w-[calc(100%-4.5rem)] flex-wrap justify-end gap-2">
        <Button onClick={props.onFitAll}>{t("fitAll")}</Button>
        <Button aria-pressed={props.showFences} onClick={() => props.onFences(!props.showFences)}>
          {t("fences")}
        </Button>
        <Button aria-pressed={props.showTrips} onClick={() => props.onTrips(!props.showTrips)}>
          {t("trips")}
        </Button>
        <ShareViewButton />
      </div>
      <div className="absolute bottom-6 left-3 z-[1000] flex max-w-[calc(100%-1.5rem)] flex-col items-start gap-1">
        {compact ? (
          <Button
            aria-expanded={legendOpen}
            aria-controls="map-legend"
            onClick={() => setLegendOpen((open) => !open)}
          >
            {t("legendButton")}
          </Button>
        ) : null}
        {compact && !legendOpen ? null : (
          <ul
            id="map-legend"
            aria-label={t("legend")}
            className="flex flex-col gap-1 rounded-md border border-slate-200 bg-white/95 px-2.5 py-2 text-xs shadow-sm dark:border-slate-700 dark:bg-slate-900/95"
          >
            {VEHICLE_STATUSES.map((status) => (
              <li key={status} className="flex items-center gap-1.5">
                <StatusDot status={status} />
                {status === "moving" ? t("legendMoving", { status: label(status) }) : label(status)}
              </li>
            ))}
            {steps ? (
              <li
                data-testid="legend-fading"
                className="flex items-center gap-1.5 text-slate-600 dark:text-slate-300"
              >
                <span
                  aria-hidden="true"
                  className="inline-block size-2.5 rounded-full bg-status-moving opacity-45"
                />
                {t("legendFading", { steps })}
              </li>
            ) : null}
            <li className="flex items-center gap-1.5 text-slate-600 dark:text-slate-300">
              <span aria-hidden="true" className="inline-block size-2.5 rounded-full bg-red-600" />
              {t("legendCluster")}
            </li>
          </ul>
        )}
      </div>
    </>
  );
}
