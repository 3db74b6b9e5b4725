import type { SimAlert, FenceVisit } from "./alerts";
import type { Fence } from "./fences";
import type { VehicleProfile } from "./fleet-setup";
import { compactIn, toMas, toMicrodeg, type LatLng } from "./geo";
import type { CompletedTrip, Fix, TripInProgress } from "./vehicle";

/**
 * ASSUMPTIONS: every wire shape the FleetUp reference marks as inferred [I] or unknown, decided
 * once, here. When a real FleetUp response shows otherwise, this is the one file to change.
 * Shapes the reference observed [O] (field names of device-last-location, trips/history,
 * fencealerts/*, token replies) are followed as observed and are not assumptions.
 */

export type Coords = "degrees" | "mas" | "microdeg";

/** How records go on the wire: the variants of SimConfig that shape a record. */
export type Wire = {
  coords: Coords;
  /** Zone of compact timestamps (UTC as observed; a local zone is a variant). */
  timeZone: string;
  /** Whether GPS records carry their fix time. */
  fixTime: boolean;
  /** Stopped vehicles report direction -1 instead of a heading. */
  unknownHeading: boolean;
};

export const UTC_WIRE: Wire = {
  coords: "degrees",
  timeZone: "UTC",
  fixTime: true,
  unknownHeading: false,
};

/** ASSUMPTION (GAPS L3): GPS records carry their fix time as `gpsTime`, compact UTC YYYYMMDDHHMMSS. */
export const FIX_TIME_FIELD = "gpsTime";

/** ASSUMPTION (GAPS G2): paths of the Geofence group ("Get all fences", "Get fence detail"). */
export const GEOFENCE_PATHS = {
  list: "/geofence/fences",
  detail: "/geofence/fence-detail",
} as const;

/**
 * List keys in the "data" wrapper variant. trips/history (`trips`), fence-names (`fenceNames`)
 * and device-last-location / geo-fencealerts (`data`) are observed; the others are ASSUMPTIONS
 * (GAPS L1, T1, G8, D1): `trips` for ongoing trips by analogy, `data` everywhere else.
 */
export const LIST_KEYS: Record<string, string> = {
  "/trips/history": "trips",
  "/trips/ongoing-trips": "trips",
  "/fencealerts/fence-names": "fenceNames",
};
export const listKeyOf = (path: string) => LIST_KEYS[path] ?? "data";

/** ASSUMPTION (GAPS G7): the longest window /alerts/bulk-history accepts. */
export const BULK_ALERT_MAX_SPAN_MS = 7 * 86_400_000;
/** ASSUMPTION (GAPS G8): the longest window /alerts/history and /alerts/summary accept. */
export const ALERT_MAX_SPAN_MS = 31 * 86_400_000;
/** ASSUMPTION (GAPS G5): how far after startDate /fencealerts/geo-fencealerts reports. */
export const GEOFENCE_ALERT_WINDOW_MS = 86_400_000;

const coord = (degrees: number, coords: Coords) =>
  coords === "mas" ? toMas(degrees) : coords === "microdeg" ? toMicrodeg(degrees) : degrees;
const point = (p: LatLng, coords: Coords) => ({
  lat: coord(p.lat, coords),
  lng: coord(p.lng, coords),
});
/** Observed [O]: trip positions are "lat,lng" in milliseconds of arc, whatever the GPS unit. */
const masPair = (p: LatLng) => `${toMas(p.lat)},${toMas(p.lng)}`;

/**
 * One GPS record (device-last-location, latest, gpsdata). Names devId…idling are observed;
 * ASSUMPTIONS: speed in km/h, direction in degrees from north (-1 when unknown, in the
 * unknownHeading variant), `idling` 0/1, `fuelWear` the current trip's fuel in centilitres,
 * `acc` ignition 0/1, and the fix time field above (absent in the fixTime: false variant).
 */
export function gpsRecord(devId: string, fix: Fix, wire: Wire) {
  return {
    devId,
    ...(wire.fixTime ? { [FIX_TIME_FIELD]: compactIn(fix.time, wire.timeZone) } : {}),
    lat: coord(fix.lat, wire.coords),
    lng: coord(fix.lng, wire.coords),
    speed: fix.speed,
    direction: wire.unknownHeading && fix.speed === 0 ? -1 : fix.heading,
    rpm: fix.rpm,
    fuelWear: fix.tripFuelCl,
    idling: fix.idling ? 1 : 0,
    acc: fix.engineOn ? 1 : 0,
  };
}

/** ASSUMPTION (GAPS D1): /devices records. */
export function deviceRecord(profile: VehicleProfile) {
  return {
    devId: profile.devId,
    name: profile.name,
    plate: profile.plate,
    driver: profile.driver,
    deviceType: profile.deviceType,
    vin: profile.vin,
  };
}

/** trips/history records: observed fields, plus `devId` (ASSUMPTION: echoed for convenience). */
export function tripRecord(
  profile: VehicleProfile,
  trip: CompletedTrip,
  withScore: boolean,
  wire: Wire,
) {
  const score = Math.max(40, 100 - 6 * trip.harshEvents - 4 * trip.speedingEvents);
  return {
    devId: profile.devId,
    startTime: compactIn(trip.startTime, wire.timeZone),
    endTime: compactIn(trip.endTime, wire.timeZone),
    startLocation: masPair(trip.start),
    endLocation: masPair(trip.end),
    startAddress: trip.startAddress,
    endAddress: trip.endAddress,
    tripMileage: Math.round(trip.meters),
    fuelWear: Math.round(trip.fuelCl),
    tripScore: withScore ? score : null,
    vehicle: profile.name,
  };
}

/** ASSUMPTION (GAPS T1): ongoing trips mirror trip records, without the end. */
export function ongoingTripRecord(profile: VehicleProfile, trip: TripInProgress, wire: Wire) {
  return {
    devId: profile.devId,
    startTime: compactIn(trip.startTime, wire.timeZone),
    startLocation: masPair(trip.start),
    startAddress: trip.startAddress,
    tripMileage: Math.round(trip.meters),
    fuelWear: Math.round(trip.fuelCl),
    vehicle: profile.name,
    driver: profile.driver,
  };
}

/**
 * ASSUMPTION (GAPS G6, G8): /alerts/history and /alerts/bulk-history records. `alertId` is
 * stable and unique; `alertType` is one of speeding, harsh_braking, long_idle, device_offline,
 * fence_enter, fence_exit; `alertTime` compact UTC; `severity` info | warning | critical.
 */
export function alertRecord(alert: SimAlert, wire: Wire) {
  return {
    alertId: alert.alertId,
    alertType: alert.type,
    alertTime: compactIn(alert.time, wire.timeZone),
    devId: alert.devId,
    severity: alert.severity,
    description: alert.message,
    lat: coord(alert.lat, wire.coords),
    lng: coord(alert.lng, wire.coords),
    speed: alert.speed,
    ...(alert.fenceId ? { fenceId: alert.fenceId, fenceName: alert.fenceName } : {}),
  };
}

/** ASSUMPTION (GAPS G8): /alerts/summary is a list of per-type counts. */
export const alertSummaryRecord = (alertType: string, count: number) => ({ alertType, count });

/**
 * ASSUMPTION (GAPS G3): fence-names elements are objects carrying the id as well as the name;
 * the "strings" variant sends the names alone, as the reference's example shows them.
 */
export const fenceNameRecord = (fence: Fence, style: "objects" | "strings") =>
  style === "strings" ? fence.fenceName : { fenceId: fence.fenceId, fenceName: fence.fenceName };

/** geo-fencealerts records (observed); `tmTime` is "" while the vehicle is still inside. */
export function geoFenceAlertRecord(visit: FenceVisit, wire: Wire) {
  return {
    devId: visit.devId,
    fenceName: visit.fenceName,
    fenceId: visit.fenceId,
    acconTime: compactIn(visit.enterTime, wire.timeZone),
    tmTime: visit.exitTime === undefined ? "" : compactIn(visit.exitTime, wire.timeZone),
  };
}

/**
 * ASSUMPTION (GAPS G1): fence geometry. `fenceType` "circle" with `center` {lat,lng} and
 * `radius` in metres, or "polygon" with `points` [{lat,lng}, …] (ring not closed). Coordinates
 * follow the coords variant, like GPS records.
 */
export function fenceRecord(fence: Fence, coords: Coords) {
  return {
    fenceId: fence.fenceId,
    fenceName: fence.fenceName,
    category: fence.category,
    fenceType: fence.kind,
    center: fence.kind === "circle" ? point(fence.center, coords) : null,
    radius: fence.kind === "circle" ? fence.radiusMeters : null,
    points: fence.kind === "polygon" ? fence.polygon.map((p) => point(p, coords)) : null,
  };
}
