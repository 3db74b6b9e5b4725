"use client";

import "leaflet/dist/leaflet.css";
import L from "leaflet";
import { useSearchParams } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { MapContainer, Marker } from "react-leaflet";
import type { LiveVehicle } from "@/lib/fleet/live";
import { VehicleLayer } from "@/components/map/vehicles/vehicle-layer";
import { measure, type Measurement } from "./measure";
import { moveAll, syntheticFleet } from "./synthetic-fleet";

declare global {
  interface Window {
    fleetBench?: {
      /** Makes the data of the next change (the stream's work, not the map's): not timed. */
      prepare(change: "first" | "update"): void;
      firstRender(): Promise<Measurement>;
      update(): Promise<Measurement>;
    };
  }
}

const ICON = L.divIcon({ className: "bench-marker", iconSize: [10, 10] });
const NOW = 1_800_000_000_000;

/** The naive baseline: one react-leaflet <Marker> per vehicle. */
function MarkerBaseline({ vehicles, onCommit }: { vehicles: LiveVehicle[]; onCommit: () => void }) {
  useEffect(() => onCommit(), [vehicles, onCommit]);
  return vehicles.map((v) => <Marker key={v.id} position={[v.lat, v.lng]} icon={ICON} />);
}

/**
 * ?mode=canvas (clustering off: every vehicle drawn), canvas-clustered, or markers; ?n=count.
 * window.fleetBench.prepare() makes the next change's vehicles; .firstRender() and .update() then
 * hand them to the layer and resolve with timings once the frame is painted.
 */
export default function BenchMap() {
  const params = useSearchParams();
  const mode = params.get("mode") ?? "canvas";
  const n = Number(params.get("n") ?? 1000);
  const [vehicles, setVehicles] = useState<LiveVehicle[]>([]);
  const done = useRef<(() => void) | undefined>(undefined);
  const step = useRef(0);
  const [signal] = useState(() => () => done.current?.());

  useEffect(
    function exposeBench() {
      let next: LiveVehicle[] | undefined;
      const run = () => {
        const vehicles = next ?? [];
        next = undefined;
        return measure((finished) => {
          done.current = finished;
          setVehicles(vehicles);
        }, mode !== "markers");
      };
      window.fleetBench = {
        prepare: (change) => {
          const fleet = syntheticFleet(n, NOW);
          next = change === "first" ? fleet : moveAll(fleet, ++step.current);
        },
        firstRender: run,
        update: run,
      };
    },
    [mode, n],
  );

  return (
    <MapContainer
      center={[33.47, -112.0]}
      zoom={11}
      className="h-full w-full"
      zoomAnimation={false}
    >
      {mode === "markers" ? (
        <MarkerBaseline vehicles={vehicles} onCommit={signal} />
      ) : (
        <VehicleLayer
          vehicles={vehicles}
          clustering={mode === "canvas-clustered"}
          onSettled={signal}
          serverNow={() => NOW}
        />
      )}
    </MapContainer>
  );
}
