"use client";

import { useCallback, useMemo } from "react";
import type { LiveVehicle } from "@/lib/fleet/live";
import type { LatLng } from "@/lib/fleet/types";
import type { DashboardUrlState, MapViewport } from "@/lib/queries/url-state";
import { NearestPanel } from "@/components/fleet/nearest-panel";
import { useAlertBadges, type Fleet } from "@/components/fleet/use-fleet";
import { resolveOrigin, useNearest } from "@/components/fleet/use-nearest";
import type { CameraRequest } from "@/components/map/core/camera";
import { FleetMap } from "@/components/map/core/fleet-map";
import { MapOverlay } from "./map-overlay";
import { serverNow, useServerNow } from "./use-now";

/**
 * The dashboard's map and what sits on it: the controls, the legend and the "nearest vehicles"
 * answer. Everything it shows is in the URL (view, layers, the open question), so a copied link
 * opens the same map.
 */
export function DashboardMap(props: {
  tileUrl: string;
  url: DashboardUrlState;
  setUrl: (patch: Partial<DashboardUrlState>) => void;
  fleet: Fleet;
  /** The vehicles passing the filters. */
  shown: readonly LiveVehicle[];
  selected: LiveVehicle | undefined;
  camera: CameraRequest | undefined;
  dark: boolean;
  /** Where the open alert fired. */
  alertPlace?: LatLng;
  onSelect: (id: string) => void;
  onSelectAndShow: (id: string) => void;
  onFitAll: () => void;
}) {
  const { url, setUrl, fleet, shown } = props;
  const { snapshot, all, byId, fences } = fleet;
  const alerts = useAlertBadges(fleet.alerts, snapshot?.alertWork, useServerNow(60_000));

  const near = url.near;
  const origin = useMemo(
    () => (near ? resolveOrigin(near, fences, byId) : undefined),
    [near, fences, byId],
  );
  const hits = useNearest(all, origin, url.nearStatuses);
  const nearest = useMemo(
    () => (origin ? { origin: { lat: origin.lat, lng: origin.lng }, hits } : undefined),
    [origin, hits],
  );

  const shownById = useMemo(() => new Map(shown.map((v) => [v.id, v])), [shown]);
  const tripList = fleet.trips;
  const trips = useMemo(
    () =>
      url.showTrips ? { trips: tripList, vehiclesById: shownById, units: url.units } : undefined,
    [url.showTrips, tripList, shownById, url.units],
  );

  const [placeLat, placeLng] = props.alertPlace ?? [];
  const alertPlace = useMemo(
    () =>
      placeLat !== undefined && placeLng !== undefined
        ? { lat: placeLat, lng: placeLng }
        : undefined,
    [placeLat, placeLng],
  );

  const onView = useCallback((view: MapViewport) => setUrl({ view }), [setUrl]);
  const onPoint = useCallback(
    (lat: number, lng: number) => setUrl({ near: { kind: "point", lat, lng } }),
    [setUrl],
  );

  return (
    <main className="relative min-h-0">
      <FleetMap
        tileUrl={props.tileUrl}
        allVehicles={all}
        vehicles={shown}
        fences={fences}
        showFences={url.showFences}
        selected={props.selected}
        follow={url.follow}
        camera={props.camera}
        dark={props.dark}
        serverNow={serverNow}
        thresholds={snapshot?.thresholds}
        alerts={alerts}
        initialView={url.view}
        onView={onView}
        onPoint={onPoint}
        nearest={nearest}
        trips={trips}
        alertPlace={alertPlace}
        onSelect={props.onSelect}
      />
      <MapOverlay
        showFences={url.showFences}
        onFences={(showFences) => setUrl({ showFences })}
        showTrips={url.showTrips}
        onTrips={(showTrips) => setUrl({ showTrips })}
        onFitAll={props.onFitAll}
        thresholds={snapshot?.thresholds}
      />
      {near ? (
        <NearestPanel
          origin={origin}
          hits={hits}
          statuses={url.nearStatuses}
          units={url.units}
          onStatuses={(nearStatuses) => setUrl({ nearStatuses })}
          onSelect={props.onSelectAndShow}
          onClose={() => setUrl({ near: undefined, nearStatuses: [] })}
        />
      ) : null}
    </main>
  );
}
