"use client";

import L from "leaflet";
import { useMemo } from "react";
import { Marker } from "react-leaflet";

/**
 * Where the open alert fired: a ring at the vehicle's position then, above the vehicles. It
 * carries the place as data-lat/data-lng (the DOM hook tests and assistive tools read).
 */
export function AlertPlaceLayer({ lat, lng }: { lat: number; lng: number }) {
  const icon = useMemo(
    () =>
      L.divIcon({
        className: "fleet-alert-place",
        html: `<span data-testid="alert-place-marker" data-lat="${lat.toFixed(6)}" data-lng="${lng.toFixed(6)}"></span>`,
        iconSize: [30, 30],
      }),
    [lat, lng],
  );
  return (
    <Marker
      position={[lat, lng]}
      icon={icon}
      interactive={false}
      keyboard={false}
      zIndexOffset={1000}
    />
  );
}
