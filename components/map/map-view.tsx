"use client";

import "leaflet/dist/leaflet.css";
import { MapContainer } from "react-leaflet";
import type { LiveVehicle } from "@/lib/fleet/live";
import type { Fence } from "@/lib/fleet/types";
import { BasemapLayer } from "./basemap-layer";
import { Camera, type CameraRequest } from "./camera";
import { FenceLayer } from "./fence-layer";
import { FleetTileLayer } from "./tile-layer";
import { TrailLayer } from "./trail-layer";
import { VehicleLayer } from "./vehicle-layer";

export type MapViewProps = {
  tileUrl: string;
  /** Every vehicle (the camera fits and finds these). */
  allVehicles: readonly LiveVehicle[];
  /** The vehicles passing the filters (the ones drawn). */
  vehicles: readonly LiveVehicle[];
  fences: readonly Fence[];
  showFences: boolean;
  selected?: LiveVehicle;
  /** Draw the selected vehicle's trail (fetched for signed-in people only); true by default. */
  trail?: boolean;
  follow: boolean;
  camera?: CameraRequest;
  dark: boolean;
  /** Vehicle symbols this many times their normal size (wall screens); 1 by default. */
  symbolScale?: number;
  serverNow: () => number;
  onSelect: (id: string) => void;
  onRendered: (count: number) => void;
};

/** The map, as a list of layers: base, fences, trail, vehicles, camera. */
export default function MapView(props: MapViewProps) {
  return (
    <MapContainer
      center={[33.45, -112.07]}
      zoom={10}
      minZoom={2}
      worldCopyJump
      className="h-full w-full"
    >
      <BasemapLayer dark={props.dark} />
      <FleetTileLayer url={props.tileUrl} />
      {props.showFences ? <FenceLayer fences={props.fences} /> : null}
      {props.selected && props.trail !== false ? <TrailLayer vehicle={props.selected} /> : null}
      <VehicleLayer
        vehicles={props.vehicles}
        selectedId={props.selected?.id}
        onSelect={props.onSelect}
        onRendered={props.onRendered}
        serverNow={props.serverNow}
        dark={props.dark}
        symbolScale={props.symbolScale}
        clustering
      />
      <Camera
        vehicles={props.allVehicles}
        selected={props.selected}
        follow={props.follow}
        fences={props.fences}
        request={props.camera}
      />
    </MapContainer>
  );
}
