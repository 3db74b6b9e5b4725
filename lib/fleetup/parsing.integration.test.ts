import "server-only";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFinished } from "vitest";
import type { Fence, Position } from "../fleet/types";
import { createFleetUpClient } from "./client";
import { runProbe, writeProbeSamples } from "./probe";
import { simConfig, startTestSimulator, type TestSimulator } from "@/e2e/support/test-sim";

type Truth = {
  vehicles: Array<{ devId: string; name: string; plate: string; lat: number; lng: number }>;
  fences: Array<{
    fenceId: string;
    fenceName: string;
    kind: "circle" | "polygon";
    center: { lat: number; lng: number } | null;
    radiusMeters: number | null;
    polygon: Array<{ lat: number; lng: number }> | null;
  }>;
};

const round = (value: number) => Math.round(value * 1e5) / 1e5;
const roundFences = (fences: Fence[]) =>
  fences.map((fence) =>
    fence.kind === "circle"
      ? { ...fence, center: fence.center.map(round) }
      : fence.kind === "polygon"
        ? { ...fence, points: fence.points.map((point) => point.map(round)) }
        : fence,
  );

/** Deep equality where numbers may differ by the rounding of milliseconds of arc (1 mas ≈ 3e-7°). */
function expectSame(actual: unknown, expected: unknown, path = "result"): void {
  if (typeof expected === "number" && typeof actual === "number") {
    expect(Math.abs(actual - expected), path).toBeLessThan(1e-6);
  } else if (Array.isArray(expected) && Array.isArray(actual)) {
    expect(actual.length, path).toBe(expected.length);
    expected.forEach((item, index) => expectSame(actual[index], item, `${path}[${index}]`));
  } else if (expected && typeof expected === "object" && actual && typeof actual === "object") {
    expect(Object.keys(actual).sort(), path).toEqual(Object.keys(expected).sort());
    for (const [key, value] of Object.entries(expected)) {
      expectSame((actual as Record<string, unknown>)[key], value, `${path}.${key}`);
    }
  } else {
    expect(actual, path).toEqual(expected);
  }
}

/**
 * Tolerant parsing of what the simulator sends, variants and damage included, over HTTP; and
 * the probe, which reports on that parsing.
 */
describe("FleetUp adapter parsing (simulator)", { timeout: 20_000 }, () => {
  let sim: TestSimulator;
  let truth: Truth;

  beforeAll(async () => {
    sim = await startTestSimulator(["--speedup", "0", "--no-rate-limit", "--seed", "7"]);
    truth = await sim.control<Truth>("fleet");
  });
  afterAll(() => sim?.stop());
  beforeEach(async () => {
    await sim.control("config/reset", {});
    await sim.configure({ rateLimit: { enabled: false } });
  });

  function expectTruth(positions: Position[]) {
    for (const position of positions) {
      const vehicle = truth.vehicles.find((candidate) => candidate.devId === position.deviceId);
      expect(vehicle, position.deviceId).toBeDefined();
      expect(Math.abs(position.lat - vehicle!.lat)).toBeLessThan(1e-6);
      expect(Math.abs(position.lng - vehicle!.lng)).toBeLessThan(1e-6);
    }
  }

  it("maps devices, positions and fences to the simulator's ground truth", async () => {
    const client = createFleetUpClient(simConfig(sim.url));
    const positions = await client.getLatestPositions();
    expect(positions).toHaveLength(truth.vehicles.length);
    expectTruth(positions);
    expect(positions.every((p) => typeof p.fixTime === "number")).toBe(true);

    const devices = await client.getDevices();
    expect(devices.map((d) => [d.id, d.name, d.plate])).toEqual(
      truth.vehicles.map((v) => [v.devId, v.name, v.plate]),
    );

    const fences = await client.getFences();
    expect(roundFences(fences)).toEqual(
      truth.fences.map((f) =>
        f.kind === "circle"
          ? {
              id: f.fenceId,
              name: f.fenceName,
              kind: "circle",
              center: [round(f.center!.lat), round(f.center!.lng)],
              radiusM: f.radiusMeters,
            }
          : {
              id: f.fenceId,
              name: f.fenceName,
              kind: "polygon",
              points: f.polygon!.map((p) => [round(p.lat), round(p.lng)]),
            },
      ),
    );
  });

  it("serves every dashboard function with typed records", async () => {
    const client = createFleetUpClient(simConfig(sim.url));
    const ids = truth.vehicles.map((v) => v.devId);
    const since = Date.now() - 12 * 3_600_000;
    const [trips, alerts, names, history, gps, fenceAlerts] = [
      await client.getOngoingTrips(),
      await client.getAlertsSince(since, ids),
      await client.getFenceNames(),
      await client.getTripHistory(ids[0]!),
      await client.getGpsHistory(ids[0]!),
      await client.getFenceAlerts(ids[0]!, since),
    ];
    expect(trips.every((t) => ids.includes(t.deviceId) && t.startTime > 0)).toBe(true);
    expect(
      alerts.every(
        (a) => a.time >= since - 1000 && ["info", "warning", "critical"].includes(a.severity),
      ),
    ).toBe(true);
    expect(names).toHaveLength(truth.fences.length);
    expect(Array.isArray(history) && Array.isArray(fenceAlerts)).toBe(true);
    expect(gps.map((p) => p.fixTime)).toEqual(
      [...gps.map((p) => p.fixTime)].sort((a, b) => a! - b!),
    );
    expect(client.metrics().dropped).toEqual(
      Object.fromEntries(Object.keys(client.metrics().dropped).map((name) => [name, {}])),
    );
  });

  it("yields the same result for every variant: wrapper or bare, degrees or milliseconds of arc, Bearer or bare", async () => {
    const results: unknown[] = [];
    for (const wrapper of ["data", "bare"] as const) {
      for (const coords of ["degrees", "mas"] as const) {
        for (const prefix of ["bearer", "bare"] as const) {
          await sim.configure({ wrapper, coords, tokenPrefix: prefix });
          const client = createFleetUpClient(simConfig(sim.url, { authPrefix: prefix }));
          results.push({
            positions: await client.getLatestPositions(),
            devices: await client.getDevices(),
            fences: await client.getFences(),
            trips: await client.getOngoingTrips(),
          });
          expect(client.metrics().replays).toBe(0);
        }
      }
    }
    expect(results).toHaveLength(8);
    results
      .slice(1)
      .forEach((result, index) => expectSame(result, results[0], `variant ${index + 1}`));
  });

  it.each([
    ["missing_fields", "degrees", ["missing_coordinates", "missing_id"]],
    ["nan", "degrees", ["non_finite"]],
    ["out_of_range", "degrees", ["out_of_range"]],
    ["out_of_range", "mas", ["out_of_range"]],
    ["duplicates", "degrees", ["duplicate"]],
  ] as const)(
    "drops and counts %s records (%s) and keeps the good records around them",
    async (kind, coords, reasons) => {
      await sim.configure({ coords, faults: { malformedRate: 0.4, malformedKinds: [kind] } });
      const client = createFleetUpClient(simConfig(sim.url));
      const raw = await client.rawCall("deviceLastLocation", {}, "live");
      const records = (raw.body as { data: Array<Record<string, unknown>> }).data;
      const bad = records.filter((record, index) => {
        switch (kind) {
          case "missing_fields":
            return !("lat" in record && "lng" in record && "devId" in record);
          case "nan":
            // Only coordinates cost the record; "NaN" elsewhere costs that field.
            return record.lat === "NaN" || record.lng === "NaN";
          case "out_of_range": {
            // Out of range as degrees (|lat| > 90) or as milliseconds of arc (beyond 90°, or
            // within an arcsecond of the equator beside a large longitude).
            const lat = Math.abs(Number(record.lat));
            return coords === "degrees" ? lat > 90 : lat > 90 * 3_600_000 || lat < 3_600;
          }
          case "duplicates":
            return records.findIndex((other) => other.devId === record.devId) !== index;
        }
      }).length;
      expect(bad).toBeGreaterThan(0);

      const { parsed } = raw;
      const dropped = Object.entries(parsed.dropped);
      expect(dropped.every(([reason]) => (reasons as readonly string[]).includes(reason))).toBe(
        true,
      );
      expect(dropped.reduce((sum, [, count]) => sum + count, 0)).toBe(bad);
      expect(parsed.records).toHaveLength(records.length - bad);
      expectTruth(parsed.records as Position[]);
      expect(client.metrics().dropped.deviceLastLocation).toEqual(parsed.dropped);
      if (kind === "nan") {
        const fieldNaNs = records.filter(
          (record) =>
            record.lat !== "NaN" && record.lng !== "NaN" && Object.values(record).includes("NaN"),
        ).length;
        expect(fieldNaNs).toBeGreaterThan(0);
        const counted = Object.values(parsed.droppedFields).reduce(
          (sum, reasons) => sum + (reasons.non_finite ?? 0),
          0,
        );
        expect(counted).toBe(fieldNaNs);
        expect(client.metrics().droppedFields.deviceLastLocation).toEqual(parsed.droppedFields);
      }
    },
  );

  it("keeps records whose numbers arrive as strings", async () => {
    await sim.configure({ faults: { malformedRate: 1, malformedKinds: ["string_numbers"] } });
    const client = createFleetUpClient(simConfig(sim.url));
    const positions = await client.getLatestPositions();
    expect(positions).toHaveLength(truth.vehicles.length);
    expectTruth(positions);
  });

  it("reads 204 No Content as an empty list", async () => {
    await sim.configure({ emptyList: "204" });
    await sim.resetStats();
    const client = createFleetUpClient(simConfig(sim.url));
    // Whole days three weeks back: the simulated world begins at most two hours before it
    // starts, so these days hold no trip at any hour of any run (empty by construction).
    const from = Date.now() - 21 * 86_400_000;
    const outcome = await client
      .getTripHistory(truth.vehicles[0]!.devId, { from, to: from + 86_400_000 })
      .catch((caught: unknown) => caught);
    expect(outcome).toEqual([]);
    expect((await sim.stats()).byPath["/trips/history"]).toEqual({ "204": 1 });
  });

  it("probes each endpoint once and writes samples without secrets or the token", async () => {
    await sim.resetStats();
    const directory = await mkdtemp(join(tmpdir(), "fleetup-probe-"));
    onTestFinished(() => rm(directory, { recursive: true, force: true }));
    const config = simConfig(sim.url);
    const report = await runProbe({ config });

    expect(report.token).toMatchObject({ status: "200", ok: true });
    expect(report.token.shape).toEqual({
      token: expect.stringMatching(
        /^JWT \(alg HS256; claims acctId, iat, exp; expires in 3[56]\d\d s\)$/,
      ),
    });
    expect(report.authForms).toEqual({ bearer: "200", bare: "200", works: "bearer" });
    expect(report.rows.map((row) => [row.endpoint, row.status])).toEqual([
      ["/devices", "200"],
      ["/gpsdata/device-last-location", "200"],
      ["/gpsdata/latest", "200"],
      ["/trips/ongoing-trips", "200"],
      ["/trips/history", "200"],
      ["/gpsdata", "200"],
      ["/alerts/bulk-history", "200"],
      ["/alerts/history", "200"],
      ["/fencealerts/geo-fencealerts", "200"],
      ["/fencealerts/fence-names", "200"],
      ["/geofence/fences", "200"],
      ["/geofence/fence-detail", "200"],
    ]);
    expect(report.failed).toBe(false);
    expect(report.rows.find((row) => row.endpoint === "/devices")?.fieldsIgnored).toEqual(["vin"]);
    expect(report.env).toEqual([
      "FLEETUP_AUTH_MODE=jwt",
      "FLEETUP_AUTH_PREFIX=bearer",
      "FLEETUP_POSITIONS_ENDPOINT=device-last-location",
      "FLEETUP_TIME_ZONE=UTC",
      "FLEETUP_COORD_UNIT=auto",
      "FLEETUP_FENCES_PATH=/geofence/fences",
      "FLEETUP_FENCE_DETAIL_PATH=/geofence/fence-detail",
    ]);
    // One token, two calls to /devices (Bearer and bare), every other endpoint once.
    const stats = await sim.stats();
    expect(stats.byPath["/token"]).toEqual({ "200": 1 });
    expect(stats.byPath["/devices"]).toEqual({ "200": 2 });
    expect(
      Object.entries(stats.byPath)
        .filter(([path]) => path !== "/token" && path !== "/devices")
        .every(([, counts]) => counts["200"] === 1),
    ).toBe(true);

    const files = await writeProbeSamples(directory, report);
    expect((await readdir(directory)).sort()).toEqual(
      files.map((file) => file.slice(directory.length + 1)).sort(),
    );
    expect(files.some((file) => file.endsWith("token.json"))).toBe(true);
    for (const file of files) {
      const text = await readFile(file, "utf8");
      for (const secret of [config.apiKey, config.secret, "eyJ"]) {
        expect(text.includes(secret), `${file} contains ${secret.slice(0, 10)}`).toBe(false);
      }
      expect(text, `${file} contains the account id`).not.toMatch(/(?<!\d)12345(?!\d)/);
    }
  });

  it("says when fix times are hours off and which FLEETUP_TIME_ZONE fixes it", async () => {
    await sim.configure({ timeZone: "America/Phoenix" });
    const report = await runProbe({ config: simConfig(sim.url) });
    expect(report.findings.join("\n")).toMatch(
      /Fix times are 7 h behind this server's clock .*Set FLEETUP_TIME_ZONE=Etc\/GMT\+7 \(or your account's own zone, which follows daylight saving: one of .*America\/Phoenix/,
    );
    expect(report.env).toContain("FLEETUP_TIME_ZONE=Etc/GMT+7");
    const fixed = await runProbe({ config: simConfig(sim.url, { timeZone: "America/Phoenix" }) });
    expect(fixed.findings.join("\n")).not.toMatch(/Fix times are/);
    expect(fixed.env).toContain("FLEETUP_TIME_ZONE=America/Phoenix");
  });

  it("shows a position under each coordinate unit and suggests the one that lands on Earth", async () => {
    await sim.configure({ coords: "microdeg" });
    const report = await runProbe({ config: simConfig(sim.url) });
    expect(report.findings.join("\n")).toMatch(
      /read as deg → not on Earth; mas → 9\.\d+, -31\.\d+ \(what the dashboard reads\); microdeg → 33\.\d+, -112\.\d+/,
    );
    // Auto reads microdegrees as milliseconds of arc, which land in the ocean but on Earth: two
    // readings are plausible, so the probe keeps the setting and asks the operator to look.
    expect(report.env).toContain("FLEETUP_COORD_UNIT=auto");
  });

  it("reports FleetUp's words for a failing call, redacted, and fails the run", async () => {
    await sim.configure({ enterprise: true });
    const report = await runProbe({ config: simConfig(sim.url) });
    expect(report.failed).toBe(true);
    const trips = report.rows.find((row) => row.endpoint === "/trips/ongoing-trips");
    expect(trips).toMatchObject({ status: "403", ok: false });
    expect(trips?.note).toMatch(/enterprise credentials may call only \/devices and \/gpsdata/);
    expect(report.findings.join("\n")).toMatch(/Enterprise credentials can call only/);
  });
});
