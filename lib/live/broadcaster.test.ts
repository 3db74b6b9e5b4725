import { afterEach, describe, expect, it, vi } from "vitest";
import { WIRE_FORMAT, type WireDelta } from "@/lib/fleet/wire";
import { DeltaBroadcaster, type StreamFrame } from "./broadcaster";

const delta = (version: number): WireDelta => ({
  f: WIRE_FORMAT,
  v: version,
  b: version - 1,
  t: version,
  s: 0,
});

const text = (frame: StreamFrame) => new TextDecoder().decode(frame.bytes);

describe("DeltaBroadcaster", () => {
  afterEach(() => vi.useRealTimers());

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

  it("encodes a delta once, the same bytes for every listener, and stops sending after unsubscribe", () => {
    const broadcaster = new DeltaBroadcaster();
    const received: StreamFrame[][] = [[], []];
    const stops = received.map((list) => broadcaster.subscribe((item) => list.push(item)));
    broadcaster.publish(delta(1));
    stops[0]!();
    broadcaster.publish(delta(2));
    expect(received[0]).toHaveLength(1);
    expect(received[1]).toHaveLength(2);
    expect(received[0]![0]!.bytes).toBe(received[1]![0]!.bytes);
    expect(text(received[1]![1]!)).toBe(
      `id: 2\nevent: delta\ndata: ${JSON.stringify(delta(2))}\n\n`,
    );
    expect(broadcaster.subscribers).toBe(1);
  });

  it("sends one heartbeat frame to every listener while anyone listens, with the version held", () => {
    vi.useFakeTimers();
    const broadcaster = new DeltaBroadcaster(10, () => 42, 1000);
    const received: StreamFrame[][] = [[], []];
    const stops = received.map((list) => broadcaster.subscribe((item) => list.push(item)));
    vi.advanceTimersByTime(1000);
    expect(received[0]![0]!.bytes).toBe(received[1]![0]!.bytes);
    expect(text(received[0]![0]!)).toMatch(
      /^event: heartbeat\ndata: \{"time":\d+,"version":42\}\n\n$/,
    );
    for (const stop of stops) stop();
    vi.advanceTimersByTime(5000);
    expect(received[0]).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });
});
