/**
 * Fleet Live's own domain types. Isomorphic: safe in the browser and on the server; no Node
 * imports and no knowledge of FleetUp's wire format (lib/fleetup maps FleetUp JSON into these).
 *
 * Units, once for all types below:
 * - times are epoch milliseconds (UTC), as plain numbers, so they serialise to JSON unchanged;
 * - coordinates are WGS84 decimal degrees, latitude in [-90, 90], longitude in [-180, 180];
 * - distances are metres, speeds kilometres per hour, headings degrees clockwise from north
 *   in [0, 360), fuel litres.
 */

/** Epoch milliseconds (UTC). */
export type EpochMs = number;

/** A point as `[lat, lng]` in decimal degrees (note the order: latitude first). */
export type LatLng = readonly [lat: number, lng: number];

/** A tracked unit (a vehicle, trailer or asset) as FleetUp's device list describes it. */
export type Device = {
  /** FleetUp's device serial (`devId`), always a string; the key that joins every other type. */
  id: string;
  /** Display name; the device id when FleetUp sends no name. */
  name: string;
  /** Licence plate, when the account records one. */
  plate?: string;
  /** Name of the assigned driver, when known. */
  driver?: string;
  /** Hardware family or model as FleetUp labels it (e.g. "4CJ", "5TA"); opaque text. */
  deviceType?: string;
};

/** The latest (or a historical) GPS fix of one device. */
export type Position = {
  deviceId: string;
  /** Latitude in decimal degrees. */
  lat: number;
  /** Longitude in decimal degrees. */
  lng: number;
  /**
   * When the device took the fix, epoch ms. Absent when FleetUp sends no fix time (its last-
   * location endpoint may not carry one, GAPS L3); consumers then use when the fix was first seen.
   */
  fixTime?: EpochMs;
  /** Ground speed in km/h (FleetUp's unit is unconfirmed, GAPS L5; we pass it through as km/h). */
  speedKph?: number;
  /** Heading in degrees clockwise from north, [0, 360). */
  headingDeg?: number;
  /** Engine/ignition on, when the device reports it. */
  ignition?: boolean;
  /** The device reports the vehicle idling (engine on, not moving). */
  idling?: boolean;
};

/** A trip: a drive from ignition on to ignition off, or still in progress. */
export type Trip = {
  /** Stable id built from the device and the start time (FleetUp sends none). */
  id: string;
  deviceId: string;
  /** Trip start, epoch ms. */
  startTime: EpochMs;
  /** Trip end, epoch ms; absent while the trip is in progress. */
  endTime?: EpochMs;
  /** Start position in decimal degrees, when FleetUp sends one. */
  start?: LatLng;
  /** End position in decimal degrees, when FleetUp sends one. */
  end?: LatLng;
  startAddress?: string;
  endAddress?: string;
  /** Distance driven so far, metres. */
  distanceM: number;
  /** Fuel used, litres (a device estimate; can be far off for some vehicles). */
  fuelUsedL?: number;
  /** FleetUp's driving score for the trip, when requested and sent. */
  score?: number;
  /** Vehicle label FleetUp attaches to the trip. */
  vehicleName?: string;
};

/** How urgently an alert needs a person. */
export type AlertSeverity = "info" | "warning" | "critical";

/** Something that happened to a vehicle: a telematics alert or a geofence visit. */
export type Alert = {
  /** Stable id: FleetUp's id when it sends one, else built from device, type and time. */
  id: string;
  deviceId?: string;
  /** FleetUp's alert type as opaque text (codes are undocumented, GAPS G6); "geofence" for fence visits. */
  type: string;
  severity: AlertSeverity;
  /** When it happened (for a fence visit: entering the fence), epoch ms. */
  time: EpochMs;
  /** For alerts spanning an interval (a fence visit: leaving the fence), epoch ms. */
  endTime?: EpochMs;
  /** Where it happened, decimal degrees, when known. */
  position?: LatLng;
  /** The vehicle's speed when it happened, km/h, when FleetUp sends it. */
  speedKph?: number;
  fenceId?: string;
  fenceName?: string;
  message?: string;
};

/** A geofence with its geometry. Polygons are open rings (the first point is not repeated). */
export type ShapedFence =
  | {
      id: string;
      name: string;
      kind: "polygon";
      /** At least three vertices, decimal degrees, `[lat, lng]`. */
      points: LatLng[];
      /** Areas cut out of the polygon (open rings too), when the shape has any. */
      holes?: LatLng[][];
    }
  | {
      id: string;
      name: string;
      kind: "circle";
      /** Centre, decimal degrees, `[lat, lng]`. */
      center: LatLng;
      /** Radius in metres. */
      radiusM: number;
    };

/**
 * A geofence FleetUp names: with its shape when one is known (from FleetUp or FENCES_FILE), or
 * of kind "unknown", listed but not drawn.
 */
export type Fence = ShapedFence | { id: string; name: string; kind: "unknown" };

/** Whether a fence can be drawn (and fitted by the camera). */
export function hasShape(fence: Fence): fence is ShapedFence {
  return fence.kind !== "unknown";
}

/** A fence known only by name and id (no geometry), as FleetUp's fence-name list gives it. */
export type FenceRef = {
  /** FleetUp's fence id; absent when the account's list carries names only. */
  id?: string;
  name: string;
};

/** Why a record from FleetUp was dropped instead of shown. */
export type DropReason =
  /** The element was not a JSON object. */
  | "not_an_object"
  /** No usable device/record id. */
  | "missing_id"
  /** Latitude or longitude absent, or the shape has no usable geometry. */
  | "missing_coordinates"
  /** Coordinates outside [-90, 90] / [-180, 180] after unit normalisation. */
  | "out_of_range"
  /** A number that is NaN, infinite or not numeric text. */
  | "non_finite"
  /** A value no real vehicle produces (0,0 fix, negative or supersonic speed, heading > 360, trip of 10 000 km). */
  | "impossible_value"
  /** A required time is absent, unparseable, before 2000 or more than a day in the future. */
  | "bad_time"
  /** The same device/fix/trip appeared again in one response; the first (or newest) is kept. */
  | "duplicate";

export const DROP_REASONS: readonly DropReason[] = [
  "not_an_object",
  "missing_id",
  "missing_coordinates",
  "out_of_range",
  "non_finite",
  "impossible_value",
  "bad_time",
  "duplicate",
];
