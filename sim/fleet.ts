import { AlertLog } from "./alerts";
import { localHour } from "./city";
import { FleetEvents } from "./fleet-events";
import { CUSTOMER_SITES, DEPOTS, FENCES, FenceIndex } from "./fences";
import { createCustomerStops, createProfiles, inShift, type VehicleProfile } from "./fleet-setup";
import { distanceMeters, offsetMeters, type LatLng } from "./geo";
import { historyCapacity } from "./history";
import {
  MINUTE,
  arriveAtCustomer,
  depart,
  startEngine,
  startLeg,
  stopEngine,
  warmUp,
} from "./lifecycle";
import { advanceAlongRoute, driveStep } from "./motion";
import { Rng } from "./random";
import { Vehicle } from "./vehicle";

export type WorldOptions = {
  vehicles: number;
  seed: number;
  /** Simulated instant the world is at when it is created (after warm-up). */
  startTime: number;
  /** Simulated length of one step; the world only ever moves in whole steps (determinism). */
  stepMs: number;
  /**
   * Added to an instant before asking the time of day (shifts, going home, night parking), so a
   * world started at any hour can live the day of a pinned instant: tests see the same fleet
   * at 07:00 and at 19:00 while every timestamp stays real. 0 by default.
   */
  phaseMs?: number;
  /**
   * Where alert ids begin (0 by default). FleetUp's ids are unique for good, so the server
   * begins them at the moment it starts: a restarted simulator never gives an id seen before to
   * another alert.
   */
  alertIdsFrom?: number;
};

const LONG_IDLE_MS = 10 * MINUTE;
const WARMUP_BUDGET = 1_000_000; // vehicle-steps spent before the start, so trails and alerts exist
const MAX_WARMUP_MS = 2 * 3_600_000;

/**
 * The living fleet: every vehicle's state machine, stepped in fixed increments of simulated
 * time. parked → (shift starts) idling → driving → idling at the customer → stopped → … →
 * back to the depot when the shift ends. Devices report on their own schedules and drop offline
 * now and then; fence crossings, speeding, harsh braking and long idles raise alerts.
 */
export class World {
  readonly vehicles: Vehicle[];
  readonly byId = new Map<string, Vehicle>();
  readonly alerts: AlertLog;
  private readonly events: FleetEvents;
  private readonly customers: LatLng[];
  private readonly tripCap: number;
  now: number;
  /** Grows whenever anything reportable may have changed; response caches key on it. */
  version = 0;

  constructor(readonly options: WorldOptions) {
    this.alerts = new AlertLog(options.alertIdsFrom);
    this.events = new FleetEvents(this.alerts, new FenceIndex(FENCES));
    const { vehicles, seed, stepMs, startTime } = options;
    const warmupSteps = Math.floor(WARMUP_BUDGET / Math.max(1, vehicles));
    this.now = startTime - Math.min(MAX_WARMUP_MS, warmupSteps * stepMs);
    this.customers = createCustomerStops(Math.min(2_000, Math.max(60, vehicles * 2)), seed);
    this.tripCap = Math.max(5, Math.min(400, Math.floor(400_000 / Math.max(1, vehicles))));
    const capacity = historyCapacity(vehicles);
    const root = new Rng(seed);
    this.vehicles = createProfiles(vehicles, seed).map((profile) => {
      const rng = root.fork(profile.index + 7919);
      const vehicle = new Vehicle(profile, rng, this.depotSpot(profile, root), capacity);
      vehicle.onNewLeg = () => startLeg(vehicle);
      this.initialState(vehicle);
      this.byId.set(profile.devId, vehicle);
      return vehicle;
    });
    this.advanceTo(startTime);
  }

  /** Local (Phoenix) hour of the day the world lives at instant `t`. */
  private hour(t: number): number {
    return localHour(t + (this.options.phaseMs ?? 0));
  }

  advanceTo(target: number) {
    const { stepMs } = this.options;
    let stepped = false;
    while (this.now + stepMs <= target) {
      this.now += stepMs;
      for (const vehicle of this.vehicles) this.step(vehicle, stepMs);
      stepped = true;
    }
    if (stepped) {
      this.version += 1;
      this.alerts.prune(this.now);
    }
  }

  /** Places a vehicle (control endpoint): it reports at once, then holds still there. */
  place(vehicle: Vehicle, at: { pos: LatLng; speed: number; heading: number; time: number }) {
    vehicle.pinned = true;
    vehicle.online = true;
    vehicle.pos = at.pos;
    vehicle.speedKmh = at.speed;
    vehicle.heading = at.heading;
    vehicle.engineOn = at.speed > 0 || vehicle.engineOn;
    if (at.speed > 0) vehicle.phase = "driving";
    this.events.checkFences(vehicle, at.time);
    this.report(vehicle, at.time, true);
    this.version += 1;
  }

  /** Lets a placed vehicle resume its day: engine off for a few minutes, then the next stop. */
  release(vehicle: Vehicle) {
    vehicle.pinned = false;
    stopEngine(vehicle, this.now, "stopped", this.now + 5 * MINUTE, this.tripCap);
    this.version += 1;
  }

  /** Where each vehicle is when the world begins: on the road, at a customer, or parked. */
  private initialState(vehicle: Vehicle) {
    const { rng, profile } = vehicle;
    const t = this.now;
    if (inShift(profile, this.hour(t))) {
      const roll = rng.next();
      vehicle.pos = this.customerSpot(rng);
      if (roll < 0.65) {
        startEngine(vehicle, t - rng.between(2, 30) * MINUTE, t);
        depart(vehicle, this.customerSpot(rng, vehicle.pos), false);
        // Start somewhere along the route rather than at its beginning.
        const skip = rng.next() * vehicle.route.reduce((sum, leg) => sum + leg.meters, 0) * 0.8;
        advanceAlongRoute(vehicle, skip);
        vehicle.speedKmh = vehicle.legCruiseKmh * 0.9;
        if (vehicle.trip) {
          vehicle.trip.meters = skip;
          vehicle.trip.fuelCl = (skip * profile.fuelLitresPer100Km) / 1000;
        }
      } else if (roll < 0.85) {
        vehicle.phase = "stopped";
        vehicle.phaseUntil = t + rng.between(1, 30) * MINUTE;
      } else {
        startEngine(vehicle, t - rng.between(0.5, 3) * MINUTE, t);
        vehicle.phase = "idling";
        vehicle.afterIdle = "stop";
        vehicle.phaseUntil = t + rng.between(0.5, 5) * MINUTE;
      }
    }
    if (rng.chance(0.02)) {
      vehicle.online = false;
      vehicle.offlineUntil = t + rng.between(5, 60) * MINUTE;
    }
    this.events.seedFences(vehicle, t);
    const interval = vehicle.engineOn ? profile.reportEngineOnMs : profile.reportEngineOffMs;
    vehicle.fix = vehicle.snapshot(t - Math.floor((rng.next() * interval) / 1000) * 1000);
    vehicle.nextReportAt = vehicle.fix.time + interval;
  }

  private step(vehicle: Vehicle, stepMs: number) {
    const t = this.now;
    const { profile, rng } = vehicle;
    if (vehicle.pinned) return this.report(vehicle, t, false);
    this.updateConnectivity(vehicle, t, stepMs);
    switch (vehicle.phase) {
      case "parked":
        if (inShift(profile, this.hour(t))) warmUp(vehicle, t, t);
        break;
      case "stopped":
        if (t >= vehicle.phaseUntil) warmUp(vehicle, t, t);
        break;
      case "idling":
        if (vehicle.trip) {
          vehicle.trip.fuelCl += (profile.idleLitresPerHour * 100 * stepMs) / 3_600_000;
        }
        if (!vehicle.longIdleAlerted && t - (vehicle.idleSince ?? t) >= LONG_IDLE_MS) {
          vehicle.longIdleAlerted = true;
          const minutes = LONG_IDLE_MS / MINUTE;
          this.events.raise(vehicle, t, "long_idle", "warning", `Idling for over ${minutes} min`);
        }
        if (t < vehicle.phaseUntil) break;
        if (vehicle.afterIdle === "drive") this.leave(vehicle, t);
        else stopEngine(vehicle, t, "stopped", t + rng.between(5, 25) * MINUTE, this.tripCap);
        break;
      case "driving":
        this.drive(vehicle, t, stepMs / 1000);
        break;
    }
    this.report(vehicle, t, false);
  }

  private leave(vehicle: Vehicle, t: number) {
    const goHome = !inShift(vehicle.profile, this.hour(t));
    const destination = goHome
      ? this.depotSpot(vehicle.profile, vehicle.rng)
      : this.customerSpot(vehicle.rng, vehicle.pos);
    if (!depart(vehicle, destination, goHome)) this.arrive(vehicle, t);
  }

  private arrive(vehicle: Vehicle, t: number) {
    if (vehicle.destinationIsDepot) stopEngine(vehicle, t, "parked", 0, this.tripCap);
    else arriveAtCustomer(vehicle, t);
  }

  private drive(vehicle: Vehicle, t: number, seconds: number) {
    const { rng, profile } = vehicle;
    const before = vehicle.speedKmh;
    const harsh = before > 30 && rng.chance(((0.2 + 2.5 * profile.aggression) * seconds) / 3600);
    const result = driveStep(vehicle, seconds, { harshBrake: harsh ? rng.between(18, 30) : 0 });
    if (vehicle.trip) {
      vehicle.trip.meters += result.meters;
      vehicle.trip.fuelCl += (result.meters * profile.fuelLitresPer100Km) / 1000;
    }
    vehicle.odometerMeters += result.meters;
    if (harsh) {
      if (vehicle.trip) vehicle.trip.harshEvents += 1;
      const message = `Harsh braking from ${Math.round(before)} km/h`;
      this.events.raise(vehicle, t, "harsh_braking", "warning", message);
    }
    const leg = vehicle.route[vehicle.legIndex];
    // Judged against the leg's own limit; the 30 km/h floor leaves out yards and car parks.
    const limit = leg?.limitKmh ?? Infinity;
    if (limit > 30 && !vehicle.legSpeedingAlerted && vehicle.speedKmh > limit + 10) {
      vehicle.legSpeedingAlerted = true;
      if (vehicle.trip) vehicle.trip.speedingEvents += 1;
      const severity = vehicle.speedKmh - limit > 25 ? "critical" : "warning";
      const message = `${Math.round(vehicle.speedKmh)} km/h in a ${limit} km/h zone`;
      this.events.raise(vehicle, t, "speeding", severity, message);
    }
    this.events.checkFences(vehicle, t);
    if (result.arrived) this.arrive(vehicle, t);
  }

  private updateConnectivity(vehicle: Vehicle, t: number, stepMs: number) {
    const { rng, profile } = vehicle;
    if (!vehicle.online) {
      if (t < vehicle.offlineUntil) return;
      vehicle.online = true;
      vehicle.nextReportAt = t;
      return;
    }
    if (!rng.chance((profile.offlinePerHour * stepMs) / 3_600_000)) return;
    vehicle.online = false;
    vehicle.offlineUntil = t + rng.between(10, 90) * MINUTE;
    this.events.raise(vehicle, t, "device_offline", "warning", "Device stopped reporting");
  }

  private report(vehicle: Vehicle, t: number, force: boolean) {
    if (!vehicle.online || (!force && t < vehicle.nextReportAt)) return;
    vehicle.fix = vehicle.snapshot(t);
    vehicle.history.push(vehicle.fix);
    const { profile } = vehicle;
    vehicle.nextReportAt =
      t + (vehicle.engineOn ? profile.reportEngineOnMs : profile.reportEngineOffMs);
  }

  private depotSpot(profile: VehicleProfile, rng: Rng): LatLng {
    const depot = DEPOTS[profile.homeDepot] ?? DEPOTS[0]!;
    return offsetMeters(depot.anchor, rng.between(-80, 80), rng.between(-80, 80));
  }

  /**
   * The next customer: the nearest of three candidates, so routes stay mostly local as real
   * delivery runs do. A quarter of candidates are fenced customer sites, so fence alerts flow.
   */
  private customerSpot(rng: Rng, from?: LatLng): LatLng {
    let best: LatLng | undefined;
    let bestMeters = Infinity;
    for (let i = 0; i < (from ? 3 : 1); i++) {
      const candidate = rng.chance(0.25)
        ? offsetMeters(rng.pick(CUSTOMER_SITES).anchor, rng.between(-30, 30), rng.between(-30, 30))
        : rng.pick(this.customers);
      const meters = from ? distanceMeters(from, candidate) : 0;
      if (meters < bestMeters) [best, bestMeters] = [candidate, meters];
    }
    return best!;
  }
}
