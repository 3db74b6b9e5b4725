import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Alert } from "@/lib/fleet/types";
import { REFIT_MS, WallDirector } from "./director";

const alert = (id: string, extra: Partial<Alert> = {}): Alert => ({
  id,
  type: "speeding",
  severity: "critical",
  time: Date.now(),
  deviceId: `dev-${id}`,
  ...extra,
});

describe("WallDirector", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("focuses a new alert's vehicle, then the next one, then returns to the fleet", () => {
    const director = new WallDirector({ views: [], rotateS: 30, focusS: 20 });
    director.start();
    director.observe([], Date.now());
    director.observe([alert("a"), alert("b", { severity: "warning" })], Date.now());
    expect(director.get()).toMatchObject({
      attention: { id: "a" },
      queued: 1,
      camera: { kind: "vehicle", id: "dev-a" },
    });
    vi.advanceTimersByTime(20_000);
    expect(director.get()).toMatchObject({ attention: { id: "b" }, queued: 0 });
    expect(director.get().camera).toMatchObject({ kind: "vehicle", id: "dev-b" });
    vi.advanceTimersByTime(20_000);
    expect(director.get().attention).toBeUndefined();
    expect(director.get().camera).toMatchObject({ kind: "fit-all" });
    director.stop();
  });

  it("falls back to the fence, then the position, of an alert without a vehicle", () => {
    const director = new WallDirector({ views: [], rotateS: 30, focusS: 5 });
    director.observe([], Date.now());
    director.observe([alert("f", { deviceId: undefined, fenceId: "F1" })], Date.now());
    expect(director.get().camera).toMatchObject({ kind: "fence", id: "F1" });
    vi.advanceTimersByTime(5000);
    director.observe(
      [alert("p", { deviceId: undefined, position: [33.4, -112] }), alert("f")],
      Date.now(),
    );
    expect(director.get().camera).toMatchObject({ kind: "view", center: [33.4, -112] });
  });

  it("rotates through the whole fleet and the saved views, pausing for an alert", () => {
    const director = new WallDirector({
      views: [
        { kind: "place", name: "North", center: [1, 2], zoom: 12 },
        { kind: "fence", fenceId: "F9" },
      ],
      rotateS: 30,
      focusS: 10,
    });
    director.setFenceNames(new Map([["F9", "Yard"]]));
    director.start();
    director.observe([], Date.now());
    vi.advanceTimersByTime(30_000);
    expect(director.get()).toMatchObject({
      viewName: { name: "North" },
      camera: { kind: "view", zoom: 12 },
    });
    vi.advanceTimersByTime(25_000);
    director.observe([alert("x")], Date.now());
    // The rotation tick (at 60 s) comes while the alert holds the camera: it does not move it.
    vi.advanceTimersByTime(5_000);
    expect(director.get()).toMatchObject({ attention: { id: "x" }, viewName: { name: "North" } });
    expect(director.get().camera).toMatchObject({ kind: "vehicle", id: "dev-x" });
    // Released at 65 s: back to the view the rotation is on.
    vi.advanceTimersByTime(5_000);
    expect(director.get().camera).toMatchObject({ kind: "view", zoom: 12 });
    vi.advanceTimersByTime(25_000);
    expect(director.get()).toMatchObject({
      viewName: { kind: "fence", name: "Yard" },
      camera: { kind: "fence", id: "F9" },
    });
    vi.advanceTimersByTime(30_000);
    expect(director.get()).toMatchObject({
      viewName: { kind: "fleet" },
      camera: { kind: "fit-all" },
    });
    director.stop();
  });

  it("without views, fits the whole fleet again every few minutes; focus=0 never focuses", () => {
    const director = new WallDirector({ views: [], rotateS: 30, focusS: 0 });
    director.start();
    director.observe([], Date.now());
    director.observe([alert("a")], Date.now());
    expect(director.get().attention).toBeUndefined();
    expect(director.get().camera).toBeUndefined();
    vi.advanceTimersByTime(REFIT_MS);
    expect(director.get().camera).toMatchObject({ kind: "fit-all" });
    director.stop();
  });
});
