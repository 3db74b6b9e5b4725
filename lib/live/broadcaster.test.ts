import { describe, expect, it } from "vitest";
import type { FleetDelta } from "@/lib/fleet/live";
import { DeltaBroadcaster } from "./broadcaster";

const delta = (version: number): FleetDelta => ({
  version,
  baseVersion: version - 1,
  generatedAt: version,
  stale: false,
});

describe("DeltaBroadcaster", () => {
  it("gives a reconnecting client exactly the deltas after its last event id", () => {
    const broadcaster = new DeltaBroadcaster(10);
    for (let version = 1; version <= 6; version += 1) broadcaster.publish(delta(version));
    expect(broadcaster.since(3)?.map((item) => item.version)).toEqual([4, 5, 6]);
    expect(broadcaster.since(6)).toEqual([]);
  });

  it("says the history is too short when the client is older than it", () => {
    const broadcaster = new DeltaBroadcaster(3);
    for (let version = 1; version <= 6; version += 1) broadcaster.publish(delta(version));
    expect(broadcaster.since(3)?.map((item) => item.version)).toEqual([4, 5, 6]);
    expect(broadcaster.since(2)).toBeUndefined();
  });

  it("sends a full snapshot to a client ahead of it (a version from before a restart)", () => {
    const broadcaster = new DeltaBroadcaster(10);
    for (let version = 1; version <= 6; version += 1) broadcaster.publish(delta(version));
    expect(broadcaster.since(7)).toBeUndefined();
  });

  it("serialises a delta once for every listener and stops sending after unsubscribe", () => {
    const broadcaster = new DeltaBroadcaster();
    const received: string[][] = [[], []];
    const stops = received.map((list) => broadcaster.subscribe((item) => list.push(item.json)));
    broadcaster.publish(delta(1));
    stops[0]!();
    broadcaster.publish(delta(2));
    expect(received[0]).toHaveLength(1);
    expect(received[1]).toHaveLength(2);
    expect(received[0]![0]).toBe(received[1]![0]);
    expect(broadcaster.subscribers).toBe(1);
  });
});
