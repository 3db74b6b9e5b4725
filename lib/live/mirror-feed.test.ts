import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import type { FleetDelta, FleetSnapshot } from "@/lib/fleet/live";
import { DEFAULT_STATUS_THRESHOLDS } from "@/lib/fleet/status";
import type { Position } from "@/lib/fleet/types";
import { DeltaBroadcaster, type StreamFrame } from "./broadcaster";
import { MemoryBus, type DeltaMessage } from "./bus";
import { FleetState } from "./fleet-state";
import { FleetMirror } from "./mirror";
import { MirrorFeed } from "./mirror-feed";
import { SnapshotCache } from "./snapshot-cache";

const intervals = parseEnv({}).live.intervals;
const T0 = Date.UTC(2026, 10, 28, 12);
const fix = (lat: number): Position => ({ deviceId: "a", lat, lng: -112, fixTime: T0 });

/** The bus as it stands after a Redis restart: what it still holds, and the stored snapshot. */
class HoldingBus extends MemoryBus {
  constructor(
    private readonly held: DeltaMessage[],
    private readonly stored: FleetSnapshot | undefined,
  ) {
    super();
  }
  override async recentMessages() {
    return this.held;
  }
  override async latestSnapshot() {
    return this.stored;
  }
}

/** A leader's first `count` deltas, and its snapshot after each. */
function leaderRun(count: number) {
  const leader = new FleetState(intervals, DEFAULT_STATUS_THRESHOLDS);
  leader.startAt(1_000);
  const start = leader.snapshot(T0);
  const deltas: FleetDelta[] = [];
  const snapshots: FleetSnapshot[] = [];
  for (let i = 0; i < count; i += 1) {
    deltas.push(leader.succeeded({ feed: "positions", positions: [fix(33 + i / 100)] }, T0 + i));
    snapshots.push(leader.snapshot(T0 + i));
  }
  return { start, deltas, snapshots };
}

function follower(bus: MemoryBus, start: FleetSnapshot) {
  const mirror = new FleetMirror(() => T0);
  mirror.load(start);
  const broadcaster = new DeltaBroadcaster();
  const sent: StreamFrame[] = [];
  broadcaster.subscribe((published) => sent.push(published));
  return {
    mirror,
    sent,
    feed: new MirrorFeed(bus, mirror, broadcaster, new SnapshotCache(mirror)),
  };
}

describe("MirrorFeed", () => {
  it("after missed deltas, applies the ones the bus still holds in order, so streams see every version", async () => {
    const { start, deltas, snapshots } = leaderRun(5);
    const bus = new HoldingBus(
      deltas.map((delta) => ({ kind: "delta", delta })),
      snapshots[2],
    );
    const { mirror, sent, feed } = follower(bus, start);
    feed.receive({ kind: "delta", delta: deltas[0]! });
    // Deltas 2 to 4 were lost (Redis restarted); the fifth arrives.
    feed.receive({ kind: "delta", delta: deltas[4]! });
    await feed.catchUp();
    expect(sent.map(({ kind, version }) => ({ kind, version }))).toEqual(
      deltas.map((delta) => ({ kind: "delta", version: delta.version })),
    );
    expect(mirror.snapshot().vehicles).toEqual(snapshots[4]!.vehicles);
  });

  it("loads the stored snapshot when the held deltas do not reach back far enough, then applies the rest", async () => {
    const { start, deltas, snapshots } = leaderRun(6);
    const bus = new HoldingBus(
      deltas.slice(3).map((delta) => ({ kind: "delta", delta })),
      snapshots[3],
    );
    const { mirror, sent, feed } = follower(bus, start);
    feed.receive({ kind: "delta", delta: deltas[5]! });
    await feed.catchUp();
    expect(sent.map(({ kind, version }) => ({ kind, version }))).toEqual([
      { kind: "snapshot", version: deltas[3]!.version },
      { kind: "delta", version: deltas[4]!.version },
      { kind: "delta", version: deltas[5]!.version },
    ]);
    expect(mirror.currentVersion).toBe(deltas[5]!.version);
  });
});
