import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FENCES, FenceIndex, fenceContains } from "./fences";
import { offsetMeters } from "./geo";
import { authed, json, startTestSim, type TestSim } from "./test-support";

describe("fence geometry", () => {
  it("has at least 10 fences: circles and polygons, depots, customer sites and a restricted zone", () => {
    expect(FENCES.length).toBeGreaterThanOrEqual(10);
    expect(new Set(FENCES.map((f) => f.kind))).toEqual(new Set(["circle", "polygon"]));
    expect(new Set(FENCES.map((f) => f.category))).toEqual(
      new Set(["depot", "customer", "restricted"]),
    );
    expect(new Set(FENCES.map((f) => f.fenceId)).size).toBe(FENCES.length);
  });

  it("contains each fence's own anchor point", () => {
    for (const fence of FENCES) expect(fenceContains(fence, fence.anchor)).toBe(true);
  });

  it("ends a circle at its radius", () => {
    const circle = FENCES.find((f) => f.kind === "circle")!;
    if (circle.kind !== "circle") throw new Error("expected a circle");
    expect(fenceContains(circle, offsetMeters(circle.center, circle.radiusMeters - 5, 0))).toBe(
      true,
    );
    expect(fenceContains(circle, offsetMeters(circle.center, circle.radiusMeters + 5, 0))).toBe(
      false,
    );
  });

  it("reports containment as one bit per fence", () => {
    const index = new FenceIndex();
    expect(index.maskAt(FENCES[2]!.anchor)).toBe(1 << 2);
    expect(index.maskAt({ lat: 0, lng: 0 })).toBe(0);
  });
});

describe("fence-crossing alerts", () => {
  let t: TestSim;
  beforeAll(async () => {
    t = await startTestSim({ vehicles: 5 });
  });
  afterAll(() => t.sim.close());

  const restricted = FENCES.find((f) => f.category === "restricted")!;
  const outside = { lat: 33.6, lng: -111.75 };

  it("raises fence_enter with the fence id and name when a vehicle moves in, and fence_exit when it leaves", async () => {
    const devId = t.sim.control.fleet().vehicles[0]!.devId;
    t.sim.control.moveVehicle(devId, outside);
    const before = t.sim.control.alerts().at(-1)?.alertId;
    t.sim.control.moveVehicle(devId, restricted.anchor);
    const entered = t.sim.control.alerts(before).filter((a) => a.devId === devId);
    expect(entered).toMatchObject([
      {
        type: "fence_enter",
        fenceId: restricted.fenceId,
        fenceName: restricted.fenceName,
        severity: "critical",
      },
    ]);
    t.sim.control.moveVehicle(devId, outside);
    const left = t.sim.control.alerts(entered[0]!.alertId).filter((a) => a.devId === devId);
    expect(left).toMatchObject([{ type: "fence_exit", fenceId: restricted.fenceId }]);
  });

  it("serves the visit on /fencealerts/geo-fencealerts with acconTime and tmTime", async () => {
    const devId = t.sim.control.fleet().vehicles[1]!.devId;
    t.sim.control.moveVehicle(devId, outside);
    t.sim.control.moveVehicle(devId, restricted.anchor);
    await t.control("clock", { advanceMs: 120_000 });
    t.sim.control.moveVehicle(devId, outside);
    const now = t.sim.control.now().replace(/\D/g, "").slice(0, 8);
    const response = await authed(t, "/fencealerts/geo-fencealerts", {
      devId,
      startDate: `${now}000000`,
    });
    const { data } = await json<{ data: Record<string, string>[] }>(response);
    const visit = data.find((v) => v.fenceId === restricted.fenceId)!;
    expect(visit.fenceName).toBe(restricted.fenceName);
    expect(visit.acconTime).toMatch(/^\d{14}$/);
    expect(visit.tmTime).toMatch(/^\d{14}$/);
    expect(Number(visit.tmTime) - Number(visit.acconTime)).toBeGreaterThanOrEqual(200); // ≥ 2 min
  });

  it("serves the alerts on /alerts/history with id, type, time, severity and fence", async () => {
    const devId = t.sim.control.fleet().vehicles[0]!.devId;
    const day = t.sim.control.now().replace(/\D/g, "").slice(0, 8);
    const response = await authed(t, "/alerts/history", { devId, startDate: day, endDate: day });
    const { data } = await json<{ data: Record<string, unknown>[] }>(response);
    expect(
      data.find((a) => a.alertType === "fence_enter" && a.fenceId === restricted.fenceId),
    ).toMatchObject({
      alertId: expect.stringMatching(/^SA\d+$/),
      alertTime: expect.stringMatching(/^\d{14}$/),
      devId,
      severity: "critical",
      fenceName: restricted.fenceName,
    });
  });
});
