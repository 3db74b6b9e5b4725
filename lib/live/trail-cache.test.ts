import { describe, expect, it } from "vitest";
import type { Position } from "@/lib/fleet/types";
import type { FleetSource } from "./source";
import { TRAIL_CACHE_VEHICLES, TRAIL_FRESH_MS, TRAIL_WINDOW_MS, TrailCache } from "./trail-cache";

const T0 = Date.UTC(2026, 10, 28, 12);

/** FleetUp's GPS history as the cache sees it: each call recorded, answered by `answer`. */
function history(answer: (deviceId: string) => Promise<Position[]> = async () => []) {
  const calls: { deviceId: string; from: number; to: number }[] = [];
  const source = {
    gpsHistory: (deviceId: string, from: number, to: number) => {
      calls.push({ deviceId, from, to });
      return answer(deviceId);
    },
  } as Pick<FleetSource, "gpsHistory"> as FleetSource;
  const clock = { now: T0 };
  return { calls, clock, trails: new TrailCache(source, () => clock.now) };
}

describe("TrailCache", () => {
  it("asks FleetUp for a vehicle's last TRAIL_WINDOW_MS when someone opens it", async () => {
    const { calls, trails } = history(async (deviceId) => [
      { deviceId, lat: 33.4, lng: -112, fixTime: T0 - 60_000 },
      { deviceId, lat: 33.5, lng: -112.1 },
    ]);
    const trail = await trails.get("a");
    expect(calls).toEqual([{ deviceId: "a", from: T0 - TRAIL_WINDOW_MS, to: T0 }]);
    // A fix without a time is as old as the end of the window it came in.
    expect(trail).toMatchObject({
      from: T0 - TRAIL_WINDOW_MS,
      to: T0,
      points: [
        [33.4, -112, T0 - 60_000],
        [33.5, -112.1, T0],
      ],
    });
  });

  it("asks FleetUp at most once per TRAIL_FRESH_MS for a vehicle, however many look", async () => {
    const { calls, clock, trails } = history();
    const first = await trails.get("a");
    clock.now += TRAIL_FRESH_MS - 1;
    expect(await trails.get("a")).toBe(first);
    expect(calls).toHaveLength(1);
    clock.now += 1;
    const second = await trails.get("a");
    expect(calls).toHaveLength(2);
    expect(second.to).toBe(clock.now);
  });

  it("shares one request in flight among everyone opening the same vehicle", async () => {
    let answer!: (positions: Position[]) => void;
    const { calls, trails } = history(() => new Promise((resolve) => (answer = resolve)));
    const asks = [trails.get("a"), trails.get("a"), trails.get("a")];
    expect(calls).toHaveLength(1);
    answer([]);
    const [first, ...rest] = await Promise.all(asks);
    for (const trail of rest) expect(trail).toBe(first);
  });

  it("fetches each vehicle on its own", async () => {
    const { calls, trails } = history();
    await Promise.all([trails.get("a"), trails.get("b"), trails.get("a")]);
    expect(calls.map((call) => call.deviceId)).toEqual(["a", "b"]);
  });

  it("keeps nothing from a failed request: the next look asks again", async () => {
    let fail = true;
    const { calls, trails } = history(async () => {
      if (fail) throw new Error("FleetUp did not answer");
      return [];
    });
    await expect(trails.get("a")).rejects.toThrow("FleetUp did not answer");
    fail = false;
    await expect(trails.get("a")).resolves.toMatchObject({ points: [] });
    expect(calls).toHaveLength(2);
  });

  it("holds at most TRAIL_CACHE_VEHICLES vehicles, forgetting the one fetched longest ago", async () => {
    const { calls, trails } = history();
    for (let vehicle = 0; vehicle <= TRAIL_CACHE_VEHICLES; vehicle += 1) {
      await trails.get(`v${vehicle}`);
    }
    expect(calls).toHaveLength(TRAIL_CACHE_VEHICLES + 1);
    await trails.get("v1");
    expect(calls).toHaveLength(TRAIL_CACHE_VEHICLES + 1);
    await trails.get("v0");
    expect(calls).toHaveLength(TRAIL_CACHE_VEHICLES + 2);
  });

  it("counts a vehicle fetched again as fetched now when making room", async () => {
    const { calls, clock, trails } = history();
    for (let vehicle = 0; vehicle < TRAIL_CACHE_VEHICLES; vehicle += 1) {
      await trails.get(`v${vehicle}`);
    }
    clock.now += TRAIL_FRESH_MS;
    await trails.get("v0");
    await trails.get("one more");
    const asked = calls.length;
    await trails.get("v0");
    expect(calls).toHaveLength(asked);
    await trails.get("v1");
    expect(calls).toHaveLength(asked + 1);
  });
});
