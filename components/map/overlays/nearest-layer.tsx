"use client";

import { CircleMarker, Pane, Polyline } from "react-leaflet";
import type { NearestHit } from "@/components/fleet/nearest";

/**
 * Where "nearest vehicles" measures from, with a thin line to each vehicle listed; above the
 * vehicles, so no cluster hides the point asked about.
 */
export function NearestLayer(props: {
  origin: { lat: number; lng: number };
  hits: readonly NearestHit[];
  dark: boolean;
}) {
  const { origin, hits, dark } = props;
  const line = { color: dark ? "#f9a8d4" : "#9d174d", weight: 1.5, opacity: 0.8, dashArray: "4 4" };
  return (
    <Pane name="nearest" style={{ zIndex: 460, pointerEvents: "none" }}>
      {hits.map((hit) => (
        <Polyline
          key={hit.vehicle.id}
          positions={[
            [origin.lat, origin.lng],
            [hit.vehicle.lat, hit.vehicle.lng],
          ]}
          pathOptions={line}
          interactive={false}
        />
      ))}
      <CircleMarker
        center={[origin.lat, origin.lng]}
        radius={7}
        pathOptions={{ color: "#ffffff", weight: 3, fillColor: "#db2777", fillOpacity: 1 }}
        interactive={false}
      />
    </Pane>
  );
}
