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
});
