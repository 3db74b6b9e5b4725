import { describe, expect, it } from "vitest";
import { ALERT_TYPES } from "./alerts";
import { localHour } from "./city";
import { DEPOTS, FENCES, fenceContains } from "./fences";
import { World } from "./fleet";
import { createProfiles, inShift } from "./fleet-setup";
import { distanceMeters } from "./geo";
import { MORNING } from "./test-support";

const HOUR = 3_600_000;
const world = (vehicles = 30, seed = 1, startTime = MORNING) =>
  new World({ vehicles, seed, startTime, stepMs: 1000 });

describe("a seeded fleet", () => {
  it("is the same fleet, in the same places, for the same seed", () => {
    const a = world(25, 7);
    const b = world(25, 7);
    a.advanceTo(MORNING + HOUR);
    b.advanceTo(MORNING + HOUR);
    expect(a.vehicles.map((v) => [v.profile, v.fix])).toEqual(
      b.vehicles.map((v) => [v.profile, v.fix]),
    );
    expect(a.alerts.alerts).toEqual(b.alerts.alerts);
  });

  it("is the same fleet at any hour when it lives a pinned day (phaseMs)", () => {
    const evening = MORNING + 9 * HOUR;
    const pinned = new World({
      vehicles: 25,
      seed: 7,
      startTime: evening,
      stepMs: 1000,
      phaseMs: -9 * HOUR,
    });
    const unpinned = world(25, 7, evening);
    const reference = world(25, 7);
    pinned.advanceTo(evening + HOUR);
    unpinned.advanceTo(evening + HOUR);
    reference.advanceTo(MORNING + HOUR);
    const state = (w: World) => w.vehicles.map((v) => [v.pos, v.speedKmh, v.phase, v.online]);
    expect(state(pinned)).toEqual(state(reference));
    expect(state(unpinned)).not.toEqual(state(reference));
    // Timestamps stay real: the pinned world's fixes are nine hours later than the reference's.
    expect(pinned.vehicles.map((v) => v.fix.time - 9 * HOUR)).toEqual(
      reference.vehicles.map((v) => v.fix.time),
    );
  });

  it("differs for another seed", () => {
    expect(world(10, 1).vehicles.map((v) => v.profile.driver)).not.toEqual(
      world(10, 2).vehicles.map((v) => v.profile.driver),
    );
  });

  it("gives every vehicle a name, plate, driver, device id and device type", () => {
    for (const { profile } of world(40).vehicles) {
      expect(profile.name).toMatch(/^(Van|Truck|Pickup|Service) \d{2,}$/);
      expect(profile.plate).toMatch(/^[A-Z]{3}\d{4}$/);
      expect(profile.driver).toMatch(/^\w+ \w+$/);
      expect(profile.devId).toMatch(/^213NW2026\d{6}$/);
      expect(["4CJ", "5TA", "CT"]).toContain(profile.deviceType);
    }
  });
});

describe("movement", () => {
  it("never teleports: each step covers no more than its speeds allow", () => {
    const w = world(30);
    let previous = w.vehicles.map((v) => ({ pos: { ...v.pos }, speed: v.speedKmh }));
    let moving = 0;
    let worstExcess = -Infinity; // metres beyond what the step's speeds allow
    for (let step = 1; step <= 3600; step++) {
      w.advanceTo(MORNING + step * 1000);
      w.vehicles.forEach((vehicle, index) => {
        const before = previous[index]!;
        const meters = distanceMeters(before.pos, vehicle.pos);
        const fastest = Math.max(before.speed, vehicle.speedKmh) / 3.6;
        worstExcess = Math.max(worstExcess, meters - fastest * 1);
        if (meters > 0) moving += 1;
      });
      previous = w.vehicles.map((v) => ({ pos: { ...v.pos }, speed: v.speedKmh }));
    }
    expect(worstExcess).toBeLessThanOrEqual(0.01);
    expect(moving).toBeGreaterThan(1000);
  });

  it("keeps speeds plausible: never above 140 km/h, mostly city speeds", () => {
    const w = world(40);
    const speeds: number[] = [];
    for (let minute = 1; minute <= 240; minute++) {
      w.advanceTo(MORNING + minute * 60_000);
      for (const vehicle of w.vehicles) if (vehicle.speedKmh > 1) speeds.push(vehicle.speedKmh);
    }
    expect(Math.max(...speeds)).toBeLessThan(140);
    const city = speeds.filter((speed) => speed >= 15 && speed <= 80).length;
    expect(city / speeds.length).toBeGreaterThan(0.6);
  });

  it("reports heading along the direction of travel", () => {
    const w = world(30);
    w.advanceTo(MORNING + 10 * 60_000);
    const driving = w.vehicles.filter((v) => v.phase === "driving" && v.speedKmh > 20);
    expect(driving.length).toBeGreaterThan(0);
    for (const vehicle of driving) {
      const before = { ...vehicle.pos };
      const heading = vehicle.heading;
      w.advanceTo(w.now + 1000);
      if (vehicle.heading !== heading || vehicle.phase !== "driving") continue;
      const north = vehicle.pos.lat - before.lat;
      const east = vehicle.pos.lng - before.lng;
      const moved =
        (Math.atan2(east * Math.cos((before.lat * Math.PI) / 180), north) * 180) / Math.PI;
      const diff = Math.abs(((((moved - heading) % 360) + 540) % 360) - 180);
      expect(diff).toBeLessThan(5);
    }
  });
});

describe("a working day", () => {
  const day = world(40);
  day.advanceTo(MORNING + 17 * HOUR); // 03:00 in Phoenix
  const atNight = day.vehicles
    .filter((v) => !inShift(v.profile, localHour(day.now)))
    .map((v) => ({ phase: v.phase, pos: { ...v.pos }, engineOn: v.engineOn }));
  day.advanceTo(MORNING + 24 * HOUR);

  it("ends trips with mileage, and fuel between the driving use and driving plus idling", () => {
    const trips = day.vehicles.flatMap((v) =>
      v.trips.map((trip) => ({ trip, profile: v.profile })),
    );
    expect(trips.length).toBeGreaterThan(50);
    expect(trips.filter(({ trip }) => trip.meters > 1000).length).toBeGreaterThan(
      trips.length * 0.8,
    );
    for (const { trip, profile } of trips) {
      expect(trip.endTime).toBeGreaterThan(trip.startTime);
      const drivingCl = (trip.meters * profile.fuelLitresPer100Km) / 1000;
      const idleCl = ((trip.endTime - trip.startTime) / HOUR) * profile.idleLitresPerHour * 100;
      expect(trip.fuelCl).toBeGreaterThanOrEqual(drivingCl * 0.999);
      expect(trip.fuelCl).toBeLessThanOrEqual(drivingCl + idleCl + 1);
    }
  });

  it("parks vehicles whose shift is over at their depot overnight", () => {
    const parked = atNight.filter((v) => v.phase === "parked");
    expect(atNight.length).toBeGreaterThan(20);
    expect(parked.length).toBeGreaterThan(atNight.length * 0.8);
    for (const vehicle of parked) {
      expect(DEPOTS.some((depot) => fenceContains(depot, vehicle.pos))).toBe(true);
      expect(vehicle.engineOn).toBe(false);
    }
  });

  it("raises every kind of alert, each with a unique id", () => {
    const types = new Set(day.alerts.alerts.map((alert) => alert.type));
    expect([...types].sort()).toEqual([...ALERT_TYPES].sort());
    const ids = day.alerts.alerts.map((alert) => alert.alertId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("takes some devices offline for a while and brings them back", () => {
    const offline = day.alerts.alerts.filter((alert) => alert.type === "device_offline");
    expect(offline.length).toBeGreaterThan(0);
    const back = offline.filter((alert) => day.byId.get(alert.devId)!.fix.time > alert.time);
    expect(back.length).toBeGreaterThan(0);
  });

  it("has a few devices that report rarely and most every 10–30 s while driving", () => {
    const intervals = day.vehicles.map((v) => v.profile.reportEngineOnMs);
    expect(intervals.filter((ms) => ms <= 30_000).length).toBeGreaterThan(32);
    const rare = createProfiles(500, 1).filter((p) => p.reportEngineOnMs >= 180_000);
    expect(rare.length).toBeGreaterThan(5);
    expect(rare.length).toBeLessThan(50);
  });

  it("alternates enter and exit alerts per vehicle and fence", () => {
    const state = new Map<string, string>();
    for (const alert of day.alerts.alerts) {
      if (alert.type !== "fence_enter" && alert.type !== "fence_exit") continue;
      expect(
        FENCES.some(
          (fence) => fence.fenceId === alert.fenceId && fence.fenceName === alert.fenceName,
        ),
      ).toBe(true);
      const key = `${alert.devId}/${alert.fenceId}`;
      expect(state.get(key)).not.toBe(alert.type);
      state.set(key, alert.type);
    }
    expect(state.size).toBeGreaterThan(10);
  });
});
