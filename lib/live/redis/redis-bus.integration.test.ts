import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { FleetDelta, FleetSnapshot } from "@/lib/fleet/live";
import { DEFAULT_STATUS_THRESHOLDS } from "@/lib/fleet/status";
import { RedisBus } from "./redis-bus";
import { LOCK_KEY } from "./redis-leader";
import { connected, pause, startTestRedis } from "@/e2e/support/test-redis";

/** The bus's recent messages, snapshot and version in a real Redis that restarts empty. */
const delta = (version: number): FleetDelta => ({
  version,
  baseVersion: version - 1,
  generatedAt: version,
  stale: false,
});
const snapshotAt = (version: number): FleetSnapshot => ({
  version,
  generatedAt: version,
  stale: false,
  vehicles: [],
  trips: [],
  alerts: [],
  fences: [],
  feeds: {},
  thresholds: DEFAULT_STATUS_THRESHOLDS,
});

describe("RedisBus through a Redis restart (real Redis)", { timeout: 30_000 }, () => {
  let redis: Awaited<ReturnType<typeof startTestRedis>>;

  beforeAll(async () => {
    redis = await startTestRedis();
  });
  afterAll(() => redis?.stop());
  afterEach(() => redis.disconnectAll());
  beforeEach(() => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
  });

  /** An instance's bus on its own two connections. */
  async function bus(name: string) {
    const commands = redis.connect(`${name}-commands`);
    const subscriber = redis.connect(`${name}-subscriber`);
    await Promise.all([connected(commands), connected(subscriber)]);
    const received: number[] = [];
    const instance = new RedisBus(commands, subscriber);
    instance.subscribe((message) => {
      if (message.kind === "delta") received.push(message.delta.version);
    });
    return { bus: instance, commands, subscriber, received };
  }

  /** The leader publishes `version` with its snapshot, as the live service does. */
  async function publish(leader: RedisBus, version: number) {
    await leader.publish({ kind: "delta", delta: delta(version) });
    await leader.storeSnapshot(() => snapshotAt(version));
  }

  it("the leader writes back what a restart lost, so a follower finds every version in order", async () => {
    const leader = await bus("leader");
    const follower = await bus("follower");
    await leader.commands.flushall();
    await leader.commands.set(LOCK_KEY, "leader-id");
    for (const version of [101, 102]) await publish(leader.bus, version);

    await redis.down();
    for (const version of [103, 104]) await publish(leader.bus, version);
    await redis.up();
    await Promise.all(
      [leader.commands, follower.commands, follower.subscriber].map((c) => connected(c)),
    );
    await pause(100);
    expect(await follower.bus.latestVersion()).toBeUndefined();

    await leader.commands.set(LOCK_KEY, "leader-id"); // the leader re-took its lock
    await leader.bus.writeBack("leader-id");
    const kept = await follower.bus.recentMessages();
    expect(kept.map((message) => message.delta.version)).toEqual([101, 102, 103, 104]);
    expect(await follower.bus.latestVersion()).toBe(104);
    expect((await follower.bus.latestSnapshot())?.version).toBe(104);
    // Instances already listening get the lost ones at once.
    await pause(100);
    expect(follower.received).toEqual(expect.arrayContaining([103, 104]));
  });

  it("adds only what Redis lacks after a reconnect without a restart", async () => {
    const leader = await bus("leader");
    const follower = await bus("follower");
    await leader.commands.flushall();
    await leader.commands.set(LOCK_KEY, "leader-id");
    for (const version of [201, 202]) await publish(leader.bus, version);
    await leader.bus.writeBack("leader-id");
    const kept = await follower.bus.recentMessages();
    expect(kept.map((message) => message.delta.version)).toEqual([201, 202]);
  });

  it("writes nothing back for an instance that no longer holds the lock", async () => {
    const old = await bus("old-leader");
    const follower = await bus("follower");
    await old.commands.flushall();
    await old.commands.set(LOCK_KEY, "old-id");
    await publish(old.bus, 301);
    await old.commands.flushall();
    await old.commands.set(LOCK_KEY, "new-id");
    await old.bus.writeBack("old-id");
    expect(await follower.bus.latestVersion()).toBeUndefined();
    expect(await follower.bus.recentMessages()).toEqual([]);
  });
});
