import "server-only";
import type { FleetUpConfig } from "./config";
import type { Priority } from "./limiter";
import type { ParserName } from "./parsers";
import { toCompactDate, toCompactDateTime } from "./time-zone";

/**
 * Every FleetUp request the product makes, described once: path, method, request body and the
 * parser of its answer. The client and the probe both build their requests from here, so what
 * the probe tries is exactly what the dashboard will send. lib/fleetup/README.md says, per
 * endpoint, what FleetUp documents and what is guessed.
 */

/** The FleetUp endpoints the adapter calls, by the name used in metrics and the probe. */
export type EndpointName =
  | "devices"
  | "deviceLastLocation"
  | "latestGps"
  | "gpsHistory"
  | "ongoingTrips"
  | "tripHistory"
  | "alerts"
  | "deviceAlerts"
  | "fenceAlerts"
  | "fenceNames"
  | "fences"
  | "fenceDetail";

export type EndpointSpec = {
  name: EndpointName;
  path: string;
  parser: ParserName;
  priority: Priority;
};

/** The endpoints with their paths for this configuration (the geofence paths are settings). */
export function endpointsFor(config: FleetUpConfig): Record<EndpointName, EndpointSpec> {
  const spec = (name: EndpointName, path: string, parser: ParserName, priority: Priority) => ({
    name,
    path,
    parser,
    priority,
  });
  return {
    devices: spec("devices", "/devices", "devices", "background"),
    deviceLastLocation: spec(
      "deviceLastLocation",
      "/gpsdata/device-last-location",
      "deviceLastLocation",
      "live",
    ),
    latestGps: spec("latestGps", "/gpsdata/latest", "latestGps", "live"),
    gpsHistory: spec("gpsHistory", "/gpsdata", "gpsHistory", "normal"),
    ongoingTrips: spec("ongoingTrips", "/trips/ongoing-trips", "ongoingTrips", "normal"),
    tripHistory: spec("tripHistory", "/trips/history", "tripHistory", "normal"),
    alerts: spec("alerts", "/alerts/bulk-history", "alerts", "normal"),
    deviceAlerts: spec("deviceAlerts", "/alerts/history", "alerts", "normal"),
    fenceAlerts: spec("fenceAlerts", "/fencealerts/geo-fencealerts", "fenceAlerts", "normal"),
    fenceNames: spec("fenceNames", "/fencealerts/fence-names", "fenceNames", "background"),
    fences: spec("fences", config.fencesPath, "fences", "background"),
    fenceDetail: spec("fenceDetail", config.fenceDetailPath, "fenceDetail", "background"),
  };
}

export type HttpRequest = {
  method: "GET" | "POST";
  body?: Record<string, unknown>;
  query?: Record<string, string>;
};

/**
 * The token request. JWT (documented, auth.md): `POST /token` with `{"acctId": <number>,
 * "secret": "…"}`; lib/env.ts makes sure the account id is a whole number in jwt mode. Legacy
 * (observed): `GET /token?acctId=…&secret=…`.
 */
export function tokenRequest(config: FleetUpConfig): HttpRequest {
  if (config.authMode === "legacy") {
    return { method: "GET", query: { acctId: config.acctId, secret: config.secret } };
  }
  return { method: "POST", body: { acctId: Number(config.acctId), secret: config.secret } };
}

/** A data request's body: the account id as a string, as every observed client sends it. */
export function dataRequest(config: FleetUpConfig, body: Record<string, unknown>): HttpRequest {
  return { method: "POST", body: { acctId: config.acctId, ...body } };
}

/**
 * Request bodies beyond the account id. Windows are epoch ms; dates go out as compact strings on
 * the wall clock of FLEETUP_TIME_ZONE, the zone FleetUp's own timestamps are read in.
 */
export function requestBodies(timeZone: string) {
  const dateTime = (ms: number) => toCompactDateTime(ms, timeZone);
  return {
    /** `/trips/history` (observed): dates as YYYYMMDD, at most 30 days apart. */
    tripHistory: (deviceId: string, from: number, to: number, driverDetails = false) => ({
      devId: deviceId,
      startDate: toCompactDate(from, timeZone),
      endDate: toCompactDate(to, timeZone),
      isDriverDetailsRequired: driverDetails,
      isTripScoreRequired: true,
    }),
    /** `/gpsdata` (names guessed, GAPS L6): at most 24 h. */
    gpsHistory: (deviceId: string, from: number, to: number) => ({
      devId: deviceId,
      startDate: dateTime(from),
      endDate: dateTime(to),
    }),
    /** `/alerts/bulk-history` (names guessed, GAPS G8). */
    alerts: (deviceIds: readonly string[], from: number, to: number) => ({
      devIds: [...deviceIds],
      startDate: dateTime(from),
      endDate: dateTime(to),
    }),
    /** `/alerts/history` (names guessed, GAPS G8). */
    deviceAlerts: (deviceId: string, from: number, to: number) => ({
      devId: deviceId,
      startDate: dateTime(from),
      endDate: dateTime(to),
    }),
    /** `/fencealerts/geo-fencealerts` (observed). */
    fenceAlerts: (deviceId: string, since: number) => ({
      devId: deviceId,
      startDate: dateTime(since),
    }),
    /** "Get fence detail" (path and body guessed, GAPS G2). */
    fenceDetail: (fenceId: string) => ({ fenceId }),
  };
}
