"use client";

import "leaflet/dist/leaflet.css";
import { MapContainer, Polyline } from "react-leaflet";
import type { LiveVehicle } from "@/lib/fleet/live";
import type { StatusThresholds } from "@/lib/fleet/status";
import type { Fence } from "@/lib/fleet/types";
import type { MapViewport } from "@/lib/queries/url-state";
import type { NearestHit } from "@/components/fleet/nearest";
import { AlertPlaceLayer } from "../overlays/alert-place-layer";
import { BasemapLayer } from "./basemap-layer";
import { Camera, type CameraRequest } from "./camera";
import type { AlertLevel } from "../clusters/cluster-core";
import { FenceLayer } from "../fences/fence-layer";
import { FollowContainerSize, PointQuery, ViewReporter } from "./map-events";
import { NearestLayer } from "../overlays/nearest-layer";
import { FleetTileLayer } from "./tile-layer";
import { TrailLayer } from "../overlays/trail-layer";
import { TripLayer, type TripLayerProps } from "../overlays/trip-layer";
import { VehicleLayer } from "../vehicles/vehicle-layer";

const PHOENIX: MapViewport = { lat: 33.45, lng: -112.07, zoom: 10 };

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
  /** The server's status settings (from the snapshot): when a fix fades. */
  thresholds?: StatusThresholds;
  /** Vehicles with open alerts, by id: the clusters holding them warn. */
  alerts?: ReadonlyMap<string, AlertLevel>;
  /** Where the map opens (a shared link); absent: it fits the fleet. */
  initialView?: MapViewport;
  /** Told where the map looks after a person moved it. */
  onView?: (view: MapViewport) => void;
  /** A right-click or long press on the map. */
  onPoint?: (lat: number, lng: number) => void;
  /** An open "nearest vehicles" question, drawn as its origin and lines to the answers. */
  nearest?: { origin: { lat: number; lng: number }; hits: readonly NearestHit[] };
  /** Where the open alert fired, marked on the map. */
  alertPlace?: { lat: number; lng: number };
  /** Ongoing trips to draw (absent: the trips layer is off). */
  trips?: Omit<TripLayerProps, "serverNow" | "onSelect" | "onDrawn">;
  onTripsDrawn?: (count: number) => void;
  onSelect: (id: string) => void;
  onRendered: (count: number) => void;
  /** A line drawn instead of the selected vehicle's live trail (replay's trail so far). */
  path?: ReadonlyArray<readonly [number, number]>;
};

/** The map, as a list of layers: base, fences, trips, trail, nearest, alert, vehicles, camera. */
export default function MapView(props: MapViewProps) {
  const opening = props.initialView ?? PHOENIX;
  return (
    <MapContainer
      center={[opening.lat, opening.lng]}
      zoom={opening.zoom}
      minZoom={2}
      worldCopyJump
      // A long press is the touch screen's right-click (Leaflet only simulates it on iOS by
      // default; a browser that sends its own contextmenu first cancels the simulated one).
      tapHold
      className="h-full w-full"
    >
      <FollowContainerSize />
      <BasemapLayer dark={props.dark} />
      <FleetTileLayer url={props.tileUrl} />
      {props.showFences ? <FenceLayer fences={props.fences} /> : null}
      {props.trips ? (
        <TripLayer
          {...props.trips}
          serverNow={props.serverNow}
          onSelect={props.onSelect}
          onDrawn={props.onTripsDrawn}
        />
      ) : null}
      {props.selected && props.trail !== false ? <TrailLayer vehicle={props.selected} /> : null}
      {props.path && props.path.length > 1 ? (
        <Polyline
          positions={props.path.map(([lat, lng]) => [lat, lng] as [number, number])}
          pathOptions={{ color: "#0ea5e9", weight: 4, opacity: 0.85, lineCap: "round" }}
          interactive={false}
        />
      ) : null}
      {props.nearest ? <NearestLayer {...props.nearest} dark={props.dark} /> : null}
      {props.alertPlace ? <AlertPlaceLayer {...props.alertPlace} /> : null}
      <VehicleLayer
        vehicles={props.vehicles}
        selectedId={props.selected?.id}
        onSelect={props.onSelect}
        onRendered={props.onRendered}
        serverNow={props.serverNow}
        thresholds={props.thresholds}
        alerts={props.alerts}
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
        openedOnView={props.initialView !== undefined}
      />
      {props.onView ? <ViewReporter onView={props.onView} /> : null}
      {props.onPoint ? <PointQuery onPoint={props.onPoint} /> : null}
    </MapContainer>
  );
}
