"use client";

import L from "leaflet";
import { useEffect, useRef, useState } from "react";
import { useMap } from "react-leaflet";
import type { LiveVehicle } from "@/lib/fleet/live";
import type { Trip } from "@/lib/fleet/types";
import { useFormat, useT } from "@/lib/i18n/i18n-provider";
import type { SpeedUnits } from "@/lib/queries/url-state";
import { ongoingTripPath, tripSummary, type TripPath, type TripTrailSource } from "./trip-paths";

export type TripLayerProps = {
  trips: readonly Trip[];
  vehiclesById: ReadonlyMap<string, LiveVehicle>;
  units: SpeedUnits;
  serverNow: () => number;
  /** Recorded trails, when the history provides them; start-to-here lines otherwise. */
  trailOf?: TripTrailSource;
  onSelect: (vehicleId: string) => void;
  /** Called after each update with the number of trips drawn. */
  onDrawn?: (count: number) => void;
};

type Drawn = { line: L.Polyline; start: L.CircleMarker; path: TripPath };

/** Above fences and trails (the overlay pane, 400), below the vehicles (450). */
const PANE = "trips";
const LINE = { color: "#0d9488", weight: 3, opacity: 0.85, lineCap: "round" } as const;
const GUESSED = { dashArray: "6 6" };
const RECORDED = { dashArray: undefined };
const START = { radius: 4, color: "#0d9488", weight: 2, fillColor: "#ffffff", fillOpacity: 1 };

/**
 * Ongoing trips on one canvas (thousands of lines stay cheap), each updated in place as its
 * vehicle moves; hovering one says who, for how long and how far, a click selects the vehicle.
 */
export function TripLayer(props: TripLayerProps) {
  const map = useMap();
  const [group] = useState(() => L.layerGroup());
  const [renderer] = useState(() => L.canvas({ pane: PANE, padding: 0.5 }));
  const drawn = useRef(new Map<string, Drawn>());
  const t = useT("map");
  const format = useFormat();
  const latest = useRef({ ...props, t, format });
  useEffect(() => {
    latest.current = { ...props, t, format };
  });

  useEffect(
    function showTrips() {
      const pane = map.getPane(PANE) ?? map.createPane(PANE);
      pane.style.zIndex = "410";
      group.addTo(map);
      const lines = drawn.current;
      return function hideTrips() {
        group.clearLayers();
        group.remove();
        lines.clear();
        latest.current.onDrawn?.(0);
      };
    },
    [map, group],
  );

  const { trips, vehiclesById, trailOf, onDrawn } = props;
  useEffect(
    function drawTrips() {
      const lines = drawn.current;
      const seen = new Set<string>();
      for (const trip of trips) {
        const vehicle = vehiclesById.get(trip.deviceId);
        const path = vehicle && ongoingTripPath(trip, vehicle, trailOf?.(trip));
        if (!path) continue;
        seen.add(trip.id);
        const points = path.points.map(([lat, lng]) => L.latLng(lat, lng));
        const held = lines.get(trip.id);
        if (held) {
          held.line.setLatLngs(points);
          held.start.setLatLng(points[0]!);
          if (held.path.recorded !== path.recorded) {
            held.line.setStyle(path.recorded ? RECORDED : GUESSED);
          }
          held.path = path;
          continue;
        }
        const line = L.polyline(points, {
          ...LINE,
          ...(path.recorded ? RECORDED : GUESSED),
          renderer,
        });
        const start = L.circleMarker(points[0]!, { ...START, renderer, interactive: false });
        const entry: Drawn = { line, start, path };
        line.bindTooltip(
          () => {
            const text = document.createElement("span");
            text.dataset.testid = "trip-tooltip";
            text.dir = "auto";
            const { serverNow, units, t, format } = latest.current;
            text.textContent = tripSummary(entry.path, serverNow(), units, t, format);
            return text;
          },
          { sticky: true },
        );
        line.on("mouseover", () => line.setStyle({ weight: 6 }));
        line.on("mouseout", () => line.setStyle({ weight: LINE.weight }));
        line.on("click", () => latest.current.onSelect(entry.path.trip.deviceId));
        group.addLayer(line).addLayer(start);
        lines.set(trip.id, entry);
      }
      for (const [id, entry] of lines) {
        if (seen.has(id)) continue;
        group.removeLayer(entry.line).removeLayer(entry.start);
        lines.delete(id);
      }
      onDrawn?.(lines.size);
    },
    [trips, vehiclesById, trailOf, onDrawn, group, renderer],
  );
  return null;
}
