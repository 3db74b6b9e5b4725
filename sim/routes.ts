import {
  ALERT_MAX_SPAN_MS,
  BULK_ALERT_MAX_SPAN_MS,
  GEOFENCE_ALERT_WINDOW_MS,
  GEOFENCE_PATHS,
  alertRecord,
  alertSummaryRecord,
  deviceRecord,
  fenceNameRecord,
  fenceRecord,
  geoFenceAlertRecord,
  gpsRecord,
  ongoingTripRecord,
  tripRecord,
} from "./assumptions";
import { ALERT_TYPES } from "./alerts";
import type { SimConfig } from "./config";
import type { Wire } from "./assumptions";
import { FENCES } from "./fences";
import type { World } from "./fleet";
import type { HistoryPoint } from "./history";
import { DAY_MS, HttpError, devIdList, instant, text, window, type Row } from "./request-fields";
import type { Fix, Vehicle } from "./vehicle";

/** A FleetUp data endpoint: validates its body and returns either a list or one object. */
export type RouteResult =
  | {
      kind: "list";
      /** Records, usually objects (fence names may be plain strings). */
      records: () => unknown[];
      /** Cache key of the whole serialized list (valid until the world steps or config changes). */
      cacheKey?: string;
      /** The same records already serialized, one string each: lets a 50,000-record list skip rebuilding. */
      recordJson?: () => string[];
    }
  | { kind: "object"; body: Row };
export type RouteContext = { body: Row; world: World; config: SimConfig };

/** The record-shaping variants of the current config. */
export const wireOf = (config: SimConfig): Wire => ({
  coords: config.coords,
  timeZone: config.timeZone,
  fixTime: config.fixTime,
  unknownHeading: config.unknownHeading,
});

function vehicleOf(ctx: RouteContext): Vehicle {
  const devId = text(ctx.body, "devId");
  const vehicle = ctx.world.byId.get(devId);
  if (!vehicle) throw new HttpError(404, `Unknown devId ${devId}`);
  return vehicle;
}

/** A stored history point as a fix; engine details are not kept per point, so they are derived. */
function historicFix(point: HistoryPoint): Fix {
  const moving = point.speed >= 1;
  return {
    ...point,
    rpm: moving ? Math.min(2800, Math.round(900 + point.speed * 22)) : 0,
    engineOn: moving,
    idling: false,
    tripFuelCl: 0,
    odometerMeters: 0,
  };
}

const lastLocations = (ctx: RouteContext, filter?: (v: Vehicle) => boolean) => () =>
  ctx.world.vehicles
    .filter((vehicle) => !filter || filter(vehicle))
    .map((vehicle) => gpsRecord(vehicle.profile.devId, vehicle.fix, wireOf(ctx.config)));

/**
 * Serialized GPS records, memoized per fix object and wire variant: a fix is replaced (never
 * mutated) when its device reports, so between two requests only the vehicles that reported
 * are serialized again.
 */
const fixJson = new Map<string, WeakMap<Fix, string>>();
const lastLocationJson = (ctx: RouteContext) => () => {
  const wire = wireOf(ctx.config);
  const variant = JSON.stringify(wire);
  let memo = fixJson.get(variant);
  if (!memo) fixJson.set(variant, (memo = new WeakMap()));
  return ctx.world.vehicles.map((vehicle) => {
    let json = memo.get(vehicle.fix);
    if (json === undefined) {
      json = JSON.stringify(gpsRecord(vehicle.profile.devId, vehicle.fix, wire));
      memo.set(vehicle.fix, json);
    }
    return json;
  });
};

export const ROUTES: Record<string, (ctx: RouteContext) => RouteResult> = {
  "/devices": (ctx) => ({
    kind: "list",
    cacheKey: "devices",
    records: () => ctx.world.vehicles.map((vehicle) => deviceRecord(vehicle.profile)),
  }),
  "/gpsdata/device-last-location": (ctx) => ({
    kind: "list",
    cacheKey: "last",
    records: lastLocations(ctx),
    recordJson: lastLocationJson(ctx),
  }),
  "/gpsdata/latest": (ctx) => ({
    kind: "list",
    cacheKey: "last",
    records: lastLocations(ctx),
    recordJson: lastLocationJson(ctx),
  }),
  "/gpsdata/latest/4cj": (ctx) => ({
    kind: "list",
    records: lastLocations(
      ctx,
      (v) => v.profile.deviceType === "4CJ" || v.profile.deviceType === "CT",
    ),
  }),
  "/gpsdata/latest/5ta": (ctx) => ({
    kind: "list",
    records: lastLocations(ctx, (v) => v.profile.deviceType === "5TA"),
  }),
  "/gpsdata": (ctx) => {
    const vehicle = vehicleOf(ctx);
    const { from, to } = window(ctx.body, [14], DAY_MS, "gpsdata", ctx.config.timeZone);
    return {
      kind: "list",
      records: () =>
        vehicle.history
          .between(from, to)
          .map((point) => gpsRecord(vehicle.profile.devId, historicFix(point), wireOf(ctx.config))),
    };
  },
  "/trips/ongoing-trips": (ctx) => ({
    kind: "list",
    records: () =>
      ctx.world.vehicles.flatMap((vehicle) =>
        vehicle.trip && vehicle.engineOn
          ? [ongoingTripRecord(vehicle.profile, vehicle.trip, wireOf(ctx.config))]
          : [],
      ),
  }),
  "/trips/history": (ctx) => {
    const vehicle = vehicleOf(ctx);
    const { from, to } = window(ctx.body, [8], 30 * DAY_MS, "trips/history", ctx.config.timeZone);
    const withScore = ctx.body.isTripScoreRequired === true;
    return {
      kind: "list",
      records: () =>
        vehicle.trips
          .filter((trip) => trip.startTime >= from && trip.startTime <= to)
          .map((trip) => tripRecord(vehicle.profile, trip, withScore, wireOf(ctx.config))),
    };
  },
  "/alerts/history": (ctx) => {
    const vehicle = vehicleOf(ctx);
    const { from, to } = window(
      ctx.body,
      [8, 14],
      ALERT_MAX_SPAN_MS,
      "alerts/history",
      ctx.config.timeZone,
    );
    const ids = new Set([vehicle.profile.devId]);
    return {
      kind: "list",
      records: () =>
        ctx.world.alerts.forDevices(ids, from, to).map((a) => alertRecord(a, wireOf(ctx.config))),
    };
  },
  "/alerts/bulk-history": (ctx) => {
    const ids = devIdList(ctx.body);
    const { from, to } = window(
      ctx.body,
      [8, 14],
      BULK_ALERT_MAX_SPAN_MS,
      "alerts/bulk-history",
      ctx.config.timeZone,
    );
    return {
      kind: "list",
      records: () =>
        ctx.world.alerts.forDevices(ids, from, to).map((a) => alertRecord(a, wireOf(ctx.config))),
    };
  },
  "/alerts/summary": (ctx) => {
    const vehicle = vehicleOf(ctx);
    const { from, to } = window(
      ctx.body,
      [8, 14],
      ALERT_MAX_SPAN_MS,
      "alerts/summary",
      ctx.config.timeZone,
    );
    const alerts = ctx.world.alerts.forDevices(new Set([vehicle.profile.devId]), from, to);
    return {
      kind: "list",
      records: () =>
        ALERT_TYPES.map((type) =>
          alertSummaryRecord(type, alerts.filter((a) => a.type === type).length),
        ),
    };
  },
  "/fencealerts/fence-names": (ctx) => ({
    kind: "list",
    records: () => FENCES.map((fence) => fenceNameRecord(fence, ctx.config.fenceNames)),
  }),
  "/fencealerts/geo-fencealerts": (ctx) => {
    const vehicle = vehicleOf(ctx);
    const zone = ctx.config.timeZone;
    const from = instant(ctx.body, "startDate", [14], zone);
    const to =
      ctx.body.endDate === undefined
        ? from + GEOFENCE_ALERT_WINDOW_MS
        : instant(ctx.body, "endDate", [14], zone);
    return {
      kind: "list",
      records: () =>
        ctx.world.alerts
          .visitsOf(vehicle.profile.devId, from, to)
          .map((visit) => geoFenceAlertRecord(visit, wireOf(ctx.config))),
    };
  },
  [GEOFENCE_PATHS.list]: (ctx) => ({
    kind: "list",
    records: () => FENCES.map((f) => fenceRecord(f, ctx.config.coords)),
  }),
  [GEOFENCE_PATHS.detail]: (ctx) => {
    const fenceId = text(ctx.body, "fenceId");
    const fence = FENCES.find((candidate) => candidate.fenceId === fenceId);
    if (!fence) throw new HttpError(404, `Unknown fenceId ${fenceId}`);
    return { kind: "object", body: fenceRecord(fence, ctx.config.coords) };
  },
};
