"use client";

import { useMemo } from "react";
import type { LiveVehicle } from "@/lib/fleet/live";
import type { VehicleStatus } from "@/lib/fleet/status";
import type { Fence } from "@/lib/fleet/types";
import type { NearOrigin } from "@/lib/queries/url-state";
import { fenceCentre, NearestIndex, type NearestHit } from "./nearest";
import type { NearestOrigin } from "./nearest-panel";

/** How many vehicles the nearest list shows (and the map draws lines to). */
export const NEAREST_LIMIT = 10;

/** Where a question from the URL measures from; undefined when its fence or vehicle is gone. */
export function resolveOrigin(
  near: NearOrigin,
  fences: readonly Fence[],
  vehiclesById: ReadonlyMap<string, LiveVehicle>,
): (NearestOrigin & { excludeId?: string }) | undefined {
  if (near.kind === "point") return { lat: near.lat, lng: near.lng };
  if (near.kind === "fence") {
    const fence = fences.find((item) => item.id === near.id);
    const centre = fence && fenceCentre(fence);
    if (!fence || !centre) return undefined;
    return { lat: centre[0], lng: centre[1], label: fence.name };
  }
  const vehicle = vehiclesById.get(near.id);
  return vehicle && { lat: vehicle.lat, lng: vehicle.lng, label: vehicle.name, excludeId: near.id };
}

/**
 * The nearest vehicles to `origin`, kept current as the fleet moves: the index is rebuilt once
 * per fleet update while a question is open, and not at all otherwise.
 */
export function useNearest(
  vehicles: readonly LiveVehicle[],
  origin: (NearestOrigin & { excludeId?: string }) | undefined,
  statuses: readonly VehicleStatus[],
): NearestHit[] {
  const open = origin !== undefined;
  const index = useMemo(() => (open ? new NearestIndex(vehicles) : undefined), [open, vehicles]);
  const lat = origin?.lat;
  const lng = origin?.lng;
  const excludeId = origin?.excludeId;
  return useMemo(
    () =>
      index && lat !== undefined && lng !== undefined
        ? index.nearest({ lat, lng, limit: NEAREST_LIMIT, statuses, excludeId })
        : [],
    [index, lat, lng, excludeId, statuses],
  );
}
