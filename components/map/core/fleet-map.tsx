"use client";

import dynamic from "next/dynamic";
import { useCallback, useRef } from "react";
import { useT } from "@/lib/i18n/i18n-provider";
import type { MapViewProps } from "./map-view";

function MapLoading() {
  return (
    <p className="grid h-full place-items-center text-sm text-slate-600 dark:text-slate-300">
      {useT("map")("loading")}
    </p>
  );
}

// Leaflet touches `window` when imported: the map renders in the browser only.
const MapView = dynamic(() => import("./map-view"), { ssr: false, loading: MapLoading });

/**
 * The map container the DOM hooks name: data-testid="fleet-map" and data-rendered-vehicles, the
 * number of vehicles on the vehicle layer after its latest draw (every vehicle passing the
 * filters, whether drawn alone or inside a cluster), and data-rendered-trips, the ongoing trips
 * drawn (0 while the layer is off). Written straight to the element, so a redraw never
 * re-renders React. The map is laid out left to right in every language (dir="ltr"): Leaflet's
 * panes and controls do not mirror.
 */
export function FleetMap(props: Omit<MapViewProps, "onRendered" | "onTripsDrawn">) {
  const t = useT("map");
  const container = useRef<HTMLDivElement>(null);
  const onRendered = useCallback((count: number) => {
    container.current?.setAttribute("data-rendered-vehicles", String(count));
  }, []);
  const onTripsDrawn = useCallback((count: number) => {
    container.current?.setAttribute("data-rendered-trips", String(count));
  }, []);
  return (
    <div
      ref={container}
      data-testid="fleet-map"
      data-rendered-vehicles="0"
      data-rendered-trips="0"
      role="region"
      aria-label={t("label")}
      dir="ltr"
      className="fleet-map relative h-full w-full"
    >
      <MapView {...props} onRendered={onRendered} onTripsDrawn={onTripsDrawn} />
    </div>
  );
}
