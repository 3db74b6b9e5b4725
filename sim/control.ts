import type { SimAlert } from "./alerts";
import type { SimClock } from "./clock";
import { DEFAULT_CONFIG, NO_FAULTS, mergeConfig, type SimConfig } from "./config";
import { FENCES } from "./fences";
import type { World } from "./fleet";
import { isRecord } from "./http";
import type { RequestArrival, RequestStats, StatsSnapshot } from "./stats";

/**
 * The simulator's own control surface, never on a FleetUp path. The same operations are
 * offered in process (`RunningSimulator.control`) and over HTTP under /__sim/ with the
 * x-sim-control-key header; handleControlRequest maps one onto the other.
 */
export type VehicleTruth = {
  devId: string;
  name: string;
  plate: string;
  driver: string;
  deviceType: string;
  /** The last reported fix: what the product should be showing. */
  lat: number;
  lng: number;
  speed: number;
  heading: number;
  lastFixTime: string;
  status: "moving" | "idle" | "stopped" | "parked" | "offline";
  online: boolean;
  /** Where the vehicle really is now (differs from the fix between reports or while offline). */
  actual: { lat: number; lng: number; speed: number; heading: number };
  fenceIds: string[];
};

export type MoveRequest = { lat: number; lng: number; speed?: number; heading?: number };

export class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export type SimControl = ReturnType<typeof createControl>;

type ControlDeps = {
  world: World;
  clock: SimClock;
  stats: RequestStats;
  getConfig: () => SimConfig;
  setConfig: (config: SimConfig) => void;
  resetRateLimit: () => void;
  /** Brings the world up to the clock before any read. */
  sync: () => void;
};

const MAX_ADVANCE_MS = 7 * 86_400_000;

export function createControl(deps: ControlDeps) {
  const { world, clock, stats } = deps;
  const vehicleOf = (devId: string) => {
    const vehicle = world.byId.get(devId);
    if (!vehicle) throw new ControlError(404, `unknown vehicle ${devId}`);
    return vehicle;
  };
  return {
    stats: (): StatsSnapshot => stats.snapshot(),
    /** When each counted request arrived (oldest first), to prove how far apart they were. */
    requests: (): RequestArrival[] => stats.requests(),
    resetStats: () => stats.reset(),
    config: (): SimConfig => deps.getConfig(),
    /** Partial, deep merge; throws ControlError 400 naming the bad key. */
    setConfig(patch: unknown): SimConfig {
      try {
        deps.setConfig(mergeConfig(deps.getConfig(), patch));
      } catch (error) {
        throw new ControlError(400, (error as Error).message);
      }
      return deps.getConfig();
    },
    resetFaults(): SimConfig {
      deps.setConfig({ ...deps.getConfig(), faults: NO_FAULTS });
      return deps.getConfig();
    },
    resetConfig(): SimConfig {
      deps.setConfig(DEFAULT_CONFIG);
      return deps.getConfig();
    },
    resetRateLimit: () => deps.resetRateLimit(),
    now: () => {
      deps.sync();
      return new Date(clock.now()).toISOString();
    },
    advanceClock(advanceMs: unknown): string {
      if (
        typeof advanceMs !== "number" ||
        !Number.isFinite(advanceMs) ||
        advanceMs < 0 ||
        advanceMs > MAX_ADVANCE_MS
      ) {
        throw new ControlError(400, `advanceMs must be a number from 0 to ${MAX_ADVANCE_MS}`);
      }
      clock.advance(advanceMs);
      deps.sync();
      return new Date(clock.now()).toISOString();
    },
    fleet() {
      deps.sync();
      const vehicles: VehicleTruth[] = world.vehicles.map((vehicle) => ({
        devId: vehicle.profile.devId,
        name: vehicle.profile.name,
        plate: vehicle.profile.plate,
        driver: vehicle.profile.driver,
        deviceType: vehicle.profile.deviceType,
        lat: vehicle.fix.lat,
        lng: vehicle.fix.lng,
        speed: vehicle.fix.speed,
        heading: vehicle.fix.heading,
        lastFixTime: new Date(vehicle.fix.time).toISOString(),
        status: vehicle.status,
        online: vehicle.online,
        actual: {
          lat: vehicle.pos.lat,
          lng: vehicle.pos.lng,
          speed: vehicle.speedKmh,
          heading: vehicle.heading,
        },
        fenceIds: FENCES.filter((_, index) => vehicle.fenceMask & (1 << index)).map(
          (fence) => fence.fenceId,
        ),
      }));
      const fences = FENCES.map((fence) => ({
        fenceId: fence.fenceId,
        fenceName: fence.fenceName,
        category: fence.category,
        kind: fence.kind,
        center: fence.kind === "circle" ? fence.center : null,
        radiusMeters: fence.kind === "circle" ? fence.radiusMeters : null,
        polygon: fence.kind === "polygon" ? fence.polygon : null,
      }));
      return { now: new Date(clock.now()).toISOString(), vehicles, fences };
    },
    /** Ground-truth alert log, oldest first, optionally only those after an alert id. */
    alerts(afterAlertId?: string): SimAlert[] {
      deps.sync();
      return world.alerts.alerts.filter(
        (alert) => afterAlertId === undefined || alert.alertId > afterAlertId,
      );
    },
    moveVehicle(devId: string, move: unknown): VehicleTruth {
      const vehicle = vehicleOf(devId);
      if (!isRecord(move) || !isCoordinate(move.lat, 90) || !isCoordinate(move.lng, 180)) {
        throw new ControlError(400, "body must be { lat, lng, speed?, heading? } in degrees");
      }
      const speed = typeof move.speed === "number" && move.speed >= 0 ? move.speed : 0;
      const heading =
        typeof move.heading === "number" ? ((move.heading % 360) + 360) % 360 : vehicle.heading;
      deps.sync();
      world.place(vehicle, {
        pos: { lat: move.lat, lng: move.lng },
        speed,
        heading,
        time: clock.now(),
      });
      return this.fleet().vehicles[vehicle.profile.index]!;
    },
    releaseVehicle(devId: string) {
      deps.sync();
      world.release(vehicleOf(devId));
    },
  };
}

function isCoordinate(value: unknown, limit: number): value is number {
  return typeof value === "number" && Number.isFinite(value) && Math.abs(value) <= limit;
}

/** Maps an HTTP request under /__sim/ onto the control object. */
export function handleControlRequest(
  control: SimControl,
  method: string,
  path: string,
  query: URLSearchParams,
  body: unknown,
): { status: number; body: unknown } {
  const route = `${method} ${path}`;
  const move = /^\/__sim\/vehicles\/([^/]+)\/(move|release)$/.exec(path);
  if (move && method === "POST") {
    const devId = decodeURIComponent(move[1]!);
    if (move[2] === "move") return { status: 200, body: control.moveVehicle(devId, body) };
    control.releaseVehicle(devId);
    return { status: 200, body: { released: devId } };
  }
  const field = (key: string) => (isRecord(body) ? body[key] : undefined);
  switch (route) {
    case "GET /__sim/stats":
      return { status: 200, body: control.stats() };
    case "GET /__sim/requests":
      return { status: 200, body: { requests: control.requests() } };
    case "POST /__sim/stats/reset":
      control.resetStats();
      return { status: 200, body: control.stats() };
    case "GET /__sim/config":
      return { status: 200, body: control.config() };
    case "POST /__sim/config":
      return { status: 200, body: control.setConfig(body ?? {}) };
    case "POST /__sim/config/reset":
      return { status: 200, body: control.resetConfig() };
    case "POST /__sim/faults/reset":
      return { status: 200, body: control.resetFaults() };
    case "POST /__sim/rate-limit/reset":
      control.resetRateLimit();
      return { status: 200, body: { reset: true } };
    case "GET /__sim/fleet":
      return { status: 200, body: control.fleet() };
    case "GET /__sim/alerts":
      return { status: 200, body: { alerts: control.alerts(query.get("after") ?? undefined) } };
    case "GET /__sim/clock":
      return { status: 200, body: { now: control.now() } };
    case "POST /__sim/clock":
      return { status: 200, body: { now: control.advanceClock(field("advanceMs")) } };
    default:
      return { status: 404, body: { message: `no control route ${route}` } };
  }
}
