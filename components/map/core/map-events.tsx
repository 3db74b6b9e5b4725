"use client";

import type { LeafletMouseEvent } from "leaflet";
import { useEffect } from "react";
import { useMap } from "react-leaflet";
import type { MapViewport } from "@/lib/queries/url-state";
import { isFirstFit } from "./camera";

/**
 * Tells where the map looks after each move a person made (the camera's own first fit is not
 * one), so the view can live in the URL.
 */
export function ViewReporter({ onView }: { onView: (view: MapViewport) => void }) {
  const map = useMap();
  useEffect(
    function reportEachMove() {
      const report = () => {
        if (isFirstFit(map)) return;
        const centre = map.getCenter().wrap();
        onView({ lat: centre.lat, lng: centre.lng, zoom: map.getZoom() });
      };
      map.on("moveend", report);
      return function stopReporting() {
        map.off("moveend", report);
      };
    },
    [map, onView],
  );
  return null;
}

/**
 * A right-click, or a long press on a touch screen (Leaflet turns one into a contextmenu event),
 * asks a question about that point of the map.
 */
export function PointQuery({ onPoint }: { onPoint: (lat: number, lng: number) => void }) {
  const map = useMap();
  useEffect(
    function listenForContextMenu() {
      const ask = (event: LeafletMouseEvent) => {
        const point = event.latlng.wrap();
        onPoint(point.lat, point.lng);
      };
      // Leaflet calls preventDefault on a contextmenu it has listeners for: no browser menu.
      map.on("contextmenu", ask);
      return function stopListening() {
        map.off("contextmenu", ask);
      };
    },
    [map, onPoint],
  );
  return null;
}

/**
 * Keeps Leaflet's idea of the map's size true when the map's box changes without the window
 * changing (a phone's bottom sheet opening, a tablet's side panel folding away): otherwise
 * clicks, fits and the vehicle canvas use the old size.
 */
export function FollowContainerSize() {
  const map = useMap();
  useEffect(
    function resizeWithContainer() {
      const observer = new ResizeObserver(() => map.invalidateSize({ pan: false }));
      observer.observe(map.getContainer());
      return function stopObserving() {
        observer.disconnect();
      };
    },
    [map],
  );
  return null;
}
