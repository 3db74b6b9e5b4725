import "server-only";
import type { EventRow, PositionRow } from "@/lib/db/history";
import type { FenceStay, HistoryEvent, PointTuple } from "@/lib/fleet/history";
import type { LiveVehicle } from "@/lib/fleet/live";
import { VEHICLE_STATUSES, type VehicleStatus } from "@/lib/fleet/status";
import type { Alert, EpochMs, Trip } from "@/lib/fleet/types";
import { alertLabel } from "@/lib/fleet/alerts";
import type { Visit } from "@/lib/db/fence-occupancy";

/**
 * Between what the live service holds and what the database stores: positions at 1e-5 degrees,
 * speeds in tenths of km/h; events as small JSON. And back, into what replay receives.
 */

/** A coordinate in 1e-5 degrees (about a metre): the precision positions are recorded at. */
export const toE5 = (degrees: number) => Math.round(degrees * 1e5);
const fromE5 = (value: number) => value / 1e5;

const statusCode = (status: VehicleStatus) => VEHICLE_STATUSES.indexOf(status);

/** A vehicle's fix as a stored row; with `at`, a keyframe recorded at `at` (its fix older). */
export function positionRow(vehicle: LiveVehicle, key: number, at?: EpochMs): PositionRow {
  const t = at ?? vehicle.fixTime;
  return {
    t,
    key,
    lat: toE5(vehicle.lat),
    lng: toE5(vehicle.lng),
    ageS: at === undefined ? null : Math.max(0, Math.round((at - vehicle.fixTime) / 1000)),
    speedDkph:
      vehicle.speedKph === undefined ? null : Math.min(32_767, Math.round(vehicle.speedKph * 10)),
    heading: vehicle.headingDeg === undefined ? null : Math.round(vehicle.headingDeg) % 360,
    status: statusCode(vehicle.status),
  };
}

export function pointTuple(row: PositionRow): PointTuple {
  return [
    row.t,
    fromE5(row.lat),
    fromE5(row.lng),
    row.speedDkph === null ? null : row.speedDkph / 10,
    row.heading,
    row.status,
    row.ageS ?? 0,
  ];
}

export function statusEvent(vehicle: LiveVehicle, from: VehicleStatus): EventRow {
  return {
    t: vehicle.statusSince,
    kind: "status",
    ref: vehicle.id,
    deviceId: vehicle.id,
    data: { from, to: vehicle.status, lat: vehicle.lat, lng: vehicle.lng },
  };
}

export function tripStartEvent(trip: Trip): EventRow {
  return {
    t: trip.startTime,
    kind: "trip_start",
    ref: trip.id,
    deviceId: trip.deviceId,
    data: { start: trip.start ?? null, address: trip.startAddress ?? null },
  };
}

export function tripEndEvent(trip: Trip, endedAt: EpochMs, at?: LiveVehicle): EventRow {
  return {
    t: trip.endTime ?? endedAt,
    kind: "trip_end",
    ref: trip.id,
    deviceId: trip.deviceId,
    data: {
      startTime: trip.startTime,
      distanceM: trip.distanceM,
      end: trip.end ?? (at ? [at.lat, at.lng] : null),
    },
  };
}

export function alertEvent(alert: Alert): EventRow {
  return {
    t: alert.time,
    kind: "alert",
    ref: alert.id,
    deviceId: alert.deviceId ?? null,
    data: { ...alert },
  };
}

export function fenceEvent(
  kind: "fence_enter" | "fence_exit",
  visit: { fenceId: string; fenceName: string; deviceId: string },
  t: EpochMs,
): EventRow {
  return {
    t,
    kind,
    // Not a NUL, which Postgres text cannot hold: every batch with a fence event failed.
    ref: `${visit.fenceId}|${visit.deviceId}`,
    deviceId: visit.deviceId,
    data: { fenceId: visit.fenceId, fenceName: visit.fenceName },
  };
}

const text = (value: unknown) => (typeof value === "string" ? value : undefined);
const latLng = (value: unknown) =>
  Array.isArray(value) && value.length === 2 && value.every((n) => typeof n === "number")
    ? (value as [number, number])
    : undefined;

/** A stored event as replay shows it. */
export function historyEvent(row: EventRow): HistoryEvent {
  const { data } = row;
  const base = { t: row.t, kind: row.kind, ...(row.deviceId ? { deviceId: row.deviceId } : {}) };
  switch (row.kind) {
    case "alert": {
      const alert = data as unknown as Alert;
      return {
        ...base,
        label: [alertLabel(alert), alert.fenceName, alert.message].filter(Boolean).join(" · "),
        severity: alert.severity,
        ...(alert.fenceId ? { fenceId: alert.fenceId } : {}),
        ...(latLng(alert.position) ? { position: latLng(alert.position) } : {}),
      };
    }
    case "status":
      return {
        ...base,
        label: `${text(data.from) ?? "?"} → ${text(data.to) ?? "?"}`,
        ...(typeof data.lat === "number" && typeof data.lng === "number"
          ? { position: [data.lat, data.lng] as [number, number] }
          : {}),
      };
    case "trip_start":
      return {
        ...base,
        label: `Trip started${text(data.address) ? ` at ${text(data.address)}` : ""}`,
        ...(latLng(data.start) ? { position: latLng(data.start) } : {}),
      };
    case "trip_end":
      return {
        ...base,
        label: `Trip ended${typeof data.distanceM === "number" ? ` after ${(data.distanceM / 1000).toFixed(1)} km` : ""}`,
        ...(latLng(data.end) ? { position: latLng(data.end) } : {}),
      };
    case "fence_enter":
    case "fence_exit":
      return {
        ...base,
        label: `${row.kind === "fence_enter" ? "Entered" : "Left"} ${text(data.fenceName) ?? "a fence"}`,
        ...(text(data.fenceId) ? { fenceId: text(data.fenceId) } : {}),
      };
  }
}

export function fenceStay(visit: Visit, fenceName: (id: string) => string): FenceStay {
  return {
    fenceId: visit.fenceId,
    fenceName: fenceName(visit.fenceId),
    deviceId: visit.deviceId,
    enteredAt: visit.enteredAt,
    exitedAt: visit.exitedAt,
  };
}
