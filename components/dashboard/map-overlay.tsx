"use client";

import { fadeSteps, VEHICLE_STATUSES, type StatusThresholds } from "@/lib/fleet/status";
import { Button } from "@/components/ui/button";
import { formatAge } from "@/components/fleet/format";
import { STATUS_LABEL, StatusDot } from "@/components/fleet/status-badge";
import { ShareViewButton } from "./share-view-button";

/** The map's own controls (fit all, layers, share) and its legend, over the map's corners. */
export function MapOverlay(props: {
  showFences: boolean;
  onFences: (show: boolean) => void;
  showTrips: boolean;
  onTrips: (show: boolean) => void;
  onFitAll: () => void;
  /** The server's status settings; the legend says when a fix fades by them. */
  thresholds?: StatusThresholds;
}) {
  return (
    <>
      <div className="absolute top-3 right-3 z-[1000] flex gap-2 shadow-sm">
        <Button onClick={props.onFitAll}>Fit all</Button>
        <Button aria-pressed={props.showFences} onClick={() => props.onFences(!props.showFences)}>
          Fences
        </Button>
        <Button aria-pressed={props.showTrips} onClick={() => props.onTrips(!props.showTrips)}>
          Trips
        </Button>
        <ShareViewButton />
      </div>
      <ul
        aria-label="Map legend"
        className="absolute bottom-6 left-3 z-[1000] flex flex-col gap-1 rounded-md border border-slate-200 bg-white/95 px-2.5 py-2 text-xs shadow-sm dark:border-slate-700 dark:bg-slate-900/95"
      >
        {VEHICLE_STATUSES.map((status) => (
          <li key={status} className="flex items-center gap-1.5">
            <StatusDot status={status} />
            {STATUS_LABEL[status]}
            {status === "moving" ? " (arrow: heading)" : ""}
          </li>
        ))}
        {props.thresholds ? (
          <li
            data-testid="legend-fading"
            className="flex items-center gap-1.5 text-slate-600 dark:text-slate-300"
          >
            <span
              aria-hidden="true"
              className="inline-block size-2.5 rounded-full bg-status-moving opacity-45"
            />
            Fainter as the fix ages ({fadeSteps(props.thresholds).map(formatAge).join(", ")})
          </li>
        ) : null}
        <li className="flex items-center gap-1.5 text-slate-600 dark:text-slate-300">
          <span aria-hidden="true" className="inline-block size-2.5 rounded-full bg-red-600" />
          Cluster badge: a vehicle in it has an open alert
        </li>
      </ul>
    </>
  );
}
