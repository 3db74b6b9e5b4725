import type { APIRequestContext } from "@playwright/test";
import type { FleetSnapshot } from "../lib/fleet/live";
import { expect, test } from "./fixtures/auth";
import { openDashboard, sim, simFleet } from "./support/dashboard";
import { E2E_POLL } from "./support/servers";
import { fleetSnapshotOf } from "./support/wire";

/**
 * What the map shows when FleetUp speaks one of the variants the simulator can switch to while
 * the server runs (each is a simulator flag too, sim/README.md): every vehicle the simulator has,
 * at the right place and time. The variants that need a server setting (local-time stamps,
 * microdegrees) are proven in lib/live/variants.integration.test.ts.
 */
const VARIANTS: Array<[string, Record<string, unknown>]> = [
  ["errors as 200 {code, msg} envelopes", { errorEnvelope: true }],
  ["heading -1 for stopped vehicles", { unknownHeading: true }],
  ["GPS records without a fix time", { fixTime: false }],
  ["enterprise credentials (only /devices and /gpsdata… answer)", { enterprise: true }],
  ["coordinates in milliseconds of arc", { coords: "mas" }],
];
const DEFAULTS = {
  errorEnvelope: false,
  unknownHeading: false,
  fixTime: true,
  enterprise: false,
  coords: "degrees",
};

async function snapshot(api: APIRequestContext): Promise<FleetSnapshot> {
  const response = await api.get("/api/fleet/snapshot");
  expect(response.status()).toBe(200);
  return fleetSnapshotOf(response);
}

test.describe("the map on FleetUp's variants", () => {
  for (const [name, patch] of VARIANTS) {
    test(`shows every vehicle at its place and time: ${name}`, async ({
      dispatcherPage: page,
      apiAs,
    }) => {
      const api = await apiAs("dispatcher");
      const [first] = (await simFleet()).vehicles;
      const target = { lat: first!.lat + 0.003, lng: first!.lng - 0.004 };
      await sim.configure(patch);
      try {
        const switched = Date.now();
        await sim.move(first!.devId, { ...target, speed: 0, heading: 45 });
        // A positions poll that started after the switch has been published.
        await expect
          .poll(async () => (await snapshot(api)).positionsAt ?? 0, {
            timeout: (E2E_POLL.positionsS * 4 + 5) * 1000,
          })
          .toBeGreaterThan(switched + E2E_POLL.positionsS * 1000);

        const map = await openDashboard(page, `?v=${encodeURIComponent(first!.devId)}`);
        const count = (await simFleet()).vehicles.length;
        await expect(map).toHaveAttribute("data-rendered-vehicles", String(count));
        await expect(page.getByTestId("vehicle-position")).toHaveText(
          `${target.lat.toFixed(5)}, ${target.lng.toFixed(5)}`,
        );

        // Ground truth before and after a positions poll that started after the first look: a
        // vehicle that did not report in between must be shown exactly as the simulator has it.
        const before = await simFleet();
        const lookedAt = Date.now();
        await expect
          .poll(async () => (await snapshot(api)).positionsAt ?? 0, { timeout: 15_000 })
          .toBeGreaterThan(lookedAt + E2E_POLL.positionsS * 1000);
        const shown = await snapshot(api);
        const after = await simFleet();
        expect(shown.stale).toBe(false);
        expect(shown.vehicles.map((v) => v.id).sort()).toEqual(
          after.vehicles.map((v) => v.devId).sort(),
        );
        let checked = 0;
        for (const real of after.vehicles) {
          const earlier = before.vehicles.find((v) => v.devId === real.devId);
          if (earlier?.lastFixTime !== real.lastFixTime) continue;
          const vehicle = shown.vehicles.find((v) => v.id === real.devId)!;
          // The wire carries positions to 1e-5° (about a metre).
          expect(Math.abs(vehicle.lat - real.lat), real.devId).toBeLessThan(1e-5);
          expect(Math.abs(vehicle.lng - real.lng), real.devId).toBeLessThan(1e-5);
          // FleetUp's timestamps are whole seconds.
          const reported = Math.floor(Date.parse(real.lastFixTime) / 1000) * 1000;
          if (patch.fixTime !== false) {
            expect(vehicle.fixTime, real.devId).toBe(reported);
          } else if (vehicle.fixTime !== reported) {
            // No fix time from FleetUp: as old as the first poll that saw the vehicle there. A
            // vehicle still where it was when FleetUp last gave one keeps that time, which is on
            // FleetUp's clock and may be ahead of ours (the simulator's was, by over 0.3 s, in
            // one CI run).
            expect(vehicle.fixTime, real.devId).toBeLessThanOrEqual(shown.positionsAt!);
          }
          if (real.devId === first!.devId) {
            expect(vehicle.headingDeg).toBe(patch.unknownHeading ? undefined : 45);
          }
          checked += 1;
        }
        expect(checked).toBeGreaterThan(after.vehicles.length / 2);
        const moved = shown.vehicles.find((v) => v.id === first!.devId)!;
        expect(Math.abs(moved.lat - target.lat)).toBeLessThan(1e-5);
        expect(Math.abs(moved.lng - target.lng)).toBeLessThan(1e-5);
      } finally {
        await sim.configure(DEFAULTS);
        await sim.release(first!.devId);
      }
    });
  }
});
