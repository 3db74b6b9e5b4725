"use client";

import { useQuery } from "@tanstack/react-query";
import { Polyline } from "react-leaflet";
import type { LiveVehicle } from "@/lib/fleet/live";
import { fleetQueries } from "@/lib/queries/fleet";

/** The selected vehicle's recent trail (the last hour), ending at its current position. */
export function TrailLayer({ vehicle }: { vehicle: LiveVehicle }) {
  const { data } = useQuery(fleetQueries.vehicle(vehicle.id));
  const points = data?.trail?.points;
  if (!points || points.length === 0) return null;
  const positions = points.map(([lat, lng]) => [lat, lng] as [number, number]);
  positions.push([vehicle.lat, vehicle.lng]);
  return (
    <Polyline
      positions={positions}
      pathOptions={{ color: "#0ea5e9", weight: 4, opacity: 0.85, lineCap: "round" }}
      interactive={false}
    />
  );
}
