"use client";

import L from "leaflet";
import { useEffect, useRef } from "react";
import { useMap } from "react-leaflet";
import type { LiveVehicle } from "@/lib/fleet/live";
import { hasShape, type Fence, type ShapedFence } from "@/lib/fleet/types";

/** Something a person asked the camera to do; `seq` makes a repeated request a new one. */
export type CameraRequest =
  | { kind: "fit-all"; seq: number }
  | { kind: "vehicle"; id: string; seq: number }
  | { kind: "fence"; id: string; seq: number }
  | { kind: "view"; center: readonly [number, number]; zoom: number; seq: number };

const FOCUS_ZOOM = 15;

/** Maps whose camera is making its own first fit: that move is not a person's choice of view. */
const fitting = new WeakSet<L.Map>();

/** Whether the map is moving on its own first fit (not worth remembering in the URL). */
export function isFirstFit(map: L.Map): boolean {
  return fitting.has(map);
}

function fleetBounds(vehicles: readonly LiveVehicle[]): L.LatLngBounds | undefined {
  if (vehicles.length === 0) return undefined;
  let south = 90,
    west = 180,
    north = -90,
    east = -180;
  for (const v of vehicles) {
    south = Math.min(south, v.lat);
    north = Math.max(north, v.lat);
    west = Math.min(west, v.lng);
    east = Math.max(east, v.lng);
  }
  return L.latLngBounds([south, west], [north, east]);
}

function fenceBounds(fence: ShapedFence): L.LatLngBounds {
  if (fence.kind === "polygon") return L.latLngBounds(fence.points.map(([a, b]) => [a, b]));
  return L.latLng(fence.center[0], fence.center[1]).toBounds(fence.radiusM * 2);
}

/**
 * The camera fits the fleet once (unless the page opened on a view of its own, a shared link),
 * then moves only when asked: a selection from a list or an alert, "fit all", a fence, a saved
 * view (the wall's rotation), or follow mode (which keeps the selected vehicle centred).
 */
export function Camera(props: {
  vehicles: readonly LiveVehicle[];
  selected?: LiveVehicle;
  follow: boolean;
  fences: readonly Fence[];
  request?: CameraRequest;
  /** The page opened on this view (MapContainer starts there): no first fit. */
  openedOnView?: boolean;
}) {
  const map = useMap();
  const fitted = useRef(props.openedOnView === true);
  const { vehicles, selected, follow, fences, request } = props;

  useEffect(
    function fitFleetOnce() {
      if (fitted.current || vehicles.length === 0) return;
      fitted.current = true;
      fitting.add(map);
      // Not animated: a selection made while a first-fit animation ran would be undone by its end.
      if (selected) map.setView([selected.lat, selected.lng], FOCUS_ZOOM, { animate: false });
      else {
        const bounds = fleetBounds(vehicles)!;
        map.fitBounds(bounds, { padding: [40, 40], maxZoom: FOCUS_ZOOM, animate: false });
      }
      fitting.delete(map);
    },
    [map, vehicles, selected],
  );

  const lat = selected?.lat;
  const lng = selected?.lng;
  useEffect(
    function followSelectedVehicle() {
      if (!follow || lat === undefined || lng === undefined || !fitted.current) return;
      map.panTo([lat, lng], { animate: true });
    },
    [map, follow, lat, lng],
  );

  const vehiclesRef = useRef(vehicles);
  const fencesRef = useRef(fences);
  useEffect(() => {
    vehiclesRef.current = vehicles;
    fencesRef.current = fences;
  });
  useEffect(
    function answerCameraRequest() {
      if (!request) return;
      if (request.kind === "fit-all") {
        const bounds = fleetBounds(vehiclesRef.current);
        if (bounds) map.fitBounds(bounds, { padding: [40, 40], maxZoom: FOCUS_ZOOM });
      } else if (request.kind === "view") {
        map.setView([request.center[0], request.center[1]], request.zoom);
      } else if (request.kind === "vehicle") {
        const v = vehiclesRef.current.find((item) => item.id === request.id);
        if (v) map.setView([v.lat, v.lng], Math.max(map.getZoom(), FOCUS_ZOOM));
      } else {
        const fence = fencesRef.current.find((item) => item.id === request.id);
        if (fence && hasShape(fence)) {
          map.fitBounds(fenceBounds(fence), { padding: [60, 60], maxZoom: 17 });
        }
      }
    },
    [map, request],
  );
  return null;
}
