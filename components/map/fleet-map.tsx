"use client";

import dynamic from "next/dynamic";
import { useCallback, useRef } from "react";
import type { MapViewProps } from "./map-view";

// Leaflet touches `window` when imported: the map renders in the browser only.
const MapView = dynamic(() => import("./map-view"), {
  ssr: false,
  loading: () => (
    <p className="grid h-full place-items-center text-sm text-slate-600 dark:text-slate-300">
      Loading the map…
    </p>
  ),
});

/**
 * The map container the DOM hooks name: data-testid="fleet-map" and data-rendered-vehicles, the
 * number of vehicles on the vehicle layer after its latest draw (every vehicle passing the
 * filters, whether drawn alone or inside a cluster), and data-rendered-trips, the ongoing trips
 * drawn (0 while the layer is off). Written straight to the element, so a redraw never
 * re-renders React.
 */
export function FleetMap(props: Omit<MapViewProps, "onRendered" | "onTripsDrawn">) {
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
      aria-label="Fleet map"
      className="fleet-map relative h-full w-full"
    >
      <MapView {...props} onRendered={onRendered} onTripsDrawn={onTripsDrawn} />
    </div>
  );
}
