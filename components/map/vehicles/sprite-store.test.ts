import { describe, expect, it } from "vitest";
import type { LiveVehicle } from "@/lib/fleet/live";
import { SpriteStore } from "./sprite-store";

const v = (id: string, lat: number): LiveVehicle => ({
  id,
  name: id,
  lat,
  lng: -112,
  fixTime: 1,
  status: "moving",
  statusSince: 1,
});

describe("SpriteStore", () => {
  it("touches only the vehicles whose object changed, and keeps the others' sprites", () => {
    const store = new SpriteStore();
    const a = v("a", 33);
    const b = v("b", 34);
    expect(store.update([a, b])).toBe(2);
    const spriteA = store.get("a");
    const spriteB = store.get("b")!;
    const wyBefore = spriteB.wy;
    expect(store.update([a, v("b", 34.5)])).toBe(1);
    expect(store.get("a")).toBe(spriteA);
    expect(store.get("b")).toBe(spriteB);
    expect(spriteB.wy).toBeLessThan(wyBefore);
  });

  it("changes nothing for the same vehicles, and removes the ones that left", () => {
    const store = new SpriteStore();
    const fleet = [v("a", 33), v("b", 34)];
    store.update(fleet);
    const order = store.order;
    expect(store.update(fleet)).toBe(0);
    expect(store.order).toBe(order);
    expect(store.update([fleet[1]!])).toBe(1);
    expect(store.get("a")).toBeUndefined();
    expect(store.order.map((s) => s.v.id)).toEqual(["b"]);
  });

  it("keeps each vehicle's position and status in layer order, as the cluster index takes them", () => {
    const store = new SpriteStore();
    store.update([v("a", 33), { ...v("b", 34), status: "stopped", lng: -111 }]);
    expect([...store.positions]).toEqual([-112, 33, -111, 34]);
    expect([...store.statuses]).toEqual([0, 2]);
    expect(store.get("b")!.at).toBe(1);
  });

  it("takes a fleet in a chunk at a time, and shows the new order only once all of it is in", () => {
    const store = new SpriteStore();
    store.update([v("a", 33)]);
    const before = store.order;
    const steps = store.updating([v("a", 33.1), v("b", 34), v("c", 35)], 2);
    expect(steps.next().done).toBe(false);
    expect(store.order).toBe(before);
    const last = steps.next();
    expect(last).toEqual({ done: true, value: 3 });
    expect(store.order.map((s) => s.v.id)).toEqual(["a", "b", "c"]);
  });

  it("brings a half-taken-in fleet up to date when a newer one arrives", () => {
    const store = new SpriteStore();
    const abandoned = store.updating([v("a", 33), v("b", 34), v("c", 35)], 2);
    abandoned.next();
    expect(store.update([v("c", 36)])).toBeGreaterThan(0);
    expect(store.order.map((s) => s.v.id)).toEqual(["c"]);
    expect(store.get("a")).toBeUndefined();
    expect(store.get("c")!.at).toBe(0);
  });
});
