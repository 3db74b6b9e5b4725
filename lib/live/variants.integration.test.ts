import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { FeedName, FleetDelta } from "@/lib/fleet/live";
import { DEFAULT_STATUS_THRESHOLDS } from "@/lib/fleet/status";
import { createFleetUpClient, type FleetUpConfig } from "@/lib/fleetup";
import { simConfig, startTestSimulator, type TestSimulator } from "@/e2e/support/test-sim";
import { FleetState } from "./fleet-state";
import { Scheduler } from "./scheduler";
import { fleetUpSource } from "./source";

type Truth = {
  vehicles: Array<{
    devId: string;
    lat: number;
    lng: number;
    speed: number;
    heading: number;
    lastFixTime: string;
  }>;
  fences: Array<{ fenceId: string; fenceName: string; kind: string }>;
};

const intervals: Record<FeedName, number> = {
  positions: 500,
  trips: 1000,
  alerts: 1000,
  fences: 1000,
  devices: 1000,
};

/**
 * Each simulator variant (a flag, sim/README.md) against the real adapter and the live service's
 * poller, over HTTP: whatever the variant, the map is given every vehicle the simulator has, at
 * the right place and time. The simulator's clock stands still (--speedup 0), so its ground
 * truth is exactly what the product must show.
 */
describe("the live fleet on every simulator variant", { timeout: 30_000 }, () => {
  let sim: TestSimulator | undefined;
  let scheduler: Scheduler | undefined;
  afterEach(async () => {
    scheduler?.stop();
    await sim?.stop();
  });

  async function poll(flags: string[], overrides: Partial<FleetUpConfig> = {}) {
    sim = await startTestSimulator([
      "--speedup",
      "0",
      "--no-rate-limit",
      "--vehicles",
      "12",
      ...flags,
    ]);
    const truth = await sim.control<Truth>("fleet");
    const client = createFleetUpClient(simConfig(sim.url, overrides));
    const state = new FleetState(intervals, DEFAULT_STATUS_THRESHOLDS);
    const deltas: FleetDelta[] = [];
    const startedAt = Date.now();
    scheduler = new Scheduler(fleetUpSource(client), state, (delta) => deltas.push(delta), {
      intervals,
      backfillMs: 3_600_000,
    });
    scheduler.start();
    // Every feed has run (or failed) at least once.
    const deadline = Date.now() + 15_000;
    while (
      Object.values(state.feedHealth()).some((feed) => feed.lastAttemptAt === undefined) &&
      Date.now() < deadline
    ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    scheduler.stop();
    return { truth, state, client, startedAt, snapshot: state.snapshot(Date.now()) };
  }

  /** Every vehicle the simulator has, at its place, with its fix time (or when first seen). */
  function expectEveryVehicle(
    result: Awaited<ReturnType<typeof poll>>,
    fixTime: "reported" | "first seen" = "reported",
  ) {
    const { truth, snapshot, startedAt } = result;
    expect(snapshot.stale).toBe(false);
    expect(snapshot.vehicles.map((v) => v.id).sort()).toEqual(
      truth.vehicles.map((v) => v.devId).sort(),
    );
    for (const vehicle of snapshot.vehicles) {
      const real = truth.vehicles.find((candidate) => candidate.devId === vehicle.id)!;
      expect(Math.abs(vehicle.lat - real.lat), vehicle.id).toBeLessThan(1e-6);
      expect(Math.abs(vehicle.lng - real.lng), vehicle.id).toBeLessThan(1e-6);
      if (fixTime === "reported") {
        expect(vehicle.fixTime, vehicle.id).toBe(Date.parse(real.lastFixTime));
      } else {
        expect(vehicle.fixTime).toBeGreaterThanOrEqual(startedAt);
      }
    }
  }

  it("local-time timestamps (--time-zone) with FLEETUP_TIME_ZONE", async () => {
    const result = await poll(["--time-zone", "America/Phoenix"], { timeZone: "America/Phoenix" });
    expectEveryVehicle(result);
    expect(result.state.feedHealth().alerts.lastError).toBeUndefined();
  });

  it("errors as 200 {code, msg} envelopes (--error-envelope): an error, never an empty list", async () => {
    const result = await poll(["--error-envelope", "--enterprise"]);
    expectEveryVehicle(result);
    expect(result.state.feedHealth().trips.lastError).toMatchObject({
      kind: "auth",
      upstream: expect.stringMatching(/^\{"code":403,"msg":"Forbidden: enterprise credentials/),
    });
  });

  it("fence names as plain strings (--fence-names strings), geofence paths unknown, shapes from FENCES_FILE", async () => {
    const directory = await mkdtemp(join(tmpdir(), "fences-"));
    const file = join(directory, "fences.geojson");
    await writeFile(
      file,
      JSON.stringify({
        type: "FeatureCollection",
        features: [
          {
            type: "Feature",
            properties: { name: "Central Depot", radius: 300 },
            geometry: { type: "Point", coordinates: [-112.06, 33.43] },
          },
        ],
      }),
    );
    try {
      const result = await poll(["--fence-names", "strings", "--no-geofence-paths"], {
        fencesFile: file,
      });
      expectEveryVehicle(result);
      const fences = result.snapshot.fences;
      expect(fences.map((fence) => fence.name).sort()).toEqual(
        result.truth.fences.map((fence) => fence.fenceName).sort(),
      );
      expect(fences.find((fence) => fence.name === "Central Depot")).toEqual({
        id: "Central Depot",
        name: "Central Depot",
        kind: "circle",
        center: [33.43, -112.06],
        radiusM: 300,
      });
      expect(fences.filter((fence) => fence.kind === "unknown")).toHaveLength(fences.length - 1);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it("GPS records without a fix time (--no-fix-time): a fix is as old as the poll that first saw it", async () => {
    expectEveryVehicle(await poll(["--no-fix-time"]), "first seen");
  });

  it("heading -1 for stopped vehicles (--unknown-heading)", async () => {
    const result = await poll(["--unknown-heading"]);
    expectEveryVehicle(result);
    for (const vehicle of result.snapshot.vehicles) {
      const real = result.truth.vehicles.find((candidate) => candidate.devId === vehicle.id)!;
      expect(vehicle.headingDeg).toBe(real.speed === 0 ? undefined : real.heading);
    }
    expect(result.client.metrics().dropped.deviceLastLocation).toEqual({});
  });

  it("enterprise credentials (--enterprise): only /devices and /gpsdata… answer", async () => {
    const result = await poll(["--enterprise"]);
    expectEveryVehicle(result);
    const feeds = result.state.feedHealth();
    expect(feeds.devices.lastError).toBeUndefined();
    expect(feeds.trips.lastError).toMatchObject({
      kind: "auth",
      message: "FleetUp does not allow this account to use /trips/ongoing-trips",
      upstream: expect.stringMatching(/enterprise credentials may call only/),
    });
    // FleetUp names no fences for this account: an empty list, not a failing feed.
    expect(feeds.fences.lastError).toBeUndefined();
    expect(result.snapshot.fences).toEqual([]);
  });

  it("coordinates in microdegrees (--coords microdeg) with FLEETUP_COORD_UNIT=microdeg", async () => {
    expectEveryVehicle(await poll(["--coords", "microdeg"], { coordUnit: "microdeg" }));
  });
});
