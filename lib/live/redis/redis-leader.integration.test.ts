import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { RedisLeaderElection } from "./redis-leader";
import { connected, pause, startTestRedis } from "@/e2e/support/test-redis";

/** The leader lock in a real Redis that restarts empty. */
const TTL = 900;

describe("RedisLeaderElection through a Redis restart (real Redis)", { timeout: 30_000 }, () => {
  let redis: Awaited<ReturnType<typeof startTestRedis>>;
  const elections: RedisLeaderElection[] = [];

  beforeAll(async () => {
    redis = await startTestRedis();
  });
  afterAll(() => redis?.stop());
  beforeEach(() => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    vi.spyOn(console, "info").mockImplementation(() => {});
  });
  afterEach(async () => {
    await Promise.all(elections.splice(0).map((election) => election.stop()));
    redis.disconnectAll();
  });

  /** An instance's election on its own connection, with every change it reported. */
  async function instance(name: string) {
    const connection = redis.connect(name);
    await connected(connection);
    const changes: boolean[] = [];
    const reconnects: boolean[] = [];
    const election = new RedisLeaderElection(connection, TTL, {
      afterReconnect: (leading) => reconnects.push(leading),
    });
    elections.push(election);
    election.start((leading) => changes.push(leading));
    return { connection, election, changes, reconnects };
  }

  const until = async (check: () => boolean, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > deadline) return false;
      await pause(20);
    }
    return true;
  };

  it("keeps the leader leading: it re-takes its lock as it reconnects, and the follower leaves the lock alone", async () => {
    const leader = await instance("leader");
    expect(await until(() => leader.election.isLeader, 2_000)).toBe(true);
    const follower = await instance("follower");
    await pause(TTL);

    await redis.restart(300);
    expect(await until(() => leader.reconnects.length > 0, 3_000)).toBe(true);
    await pause(3 * TTL);
    expect(leader.changes).toEqual([true]);
    expect(leader.reconnects).toEqual([true]);
    expect(follower.changes).toEqual([]);
    expect(follower.reconnects).toEqual([false]);
  });

  it("hands over one lock life after the restart when the leader is really gone", async () => {
    const leader = await instance("leader");
    expect(await until(() => leader.election.isLeader, 2_000)).toBe(true);
    const follower = await instance("follower");
    await pause(TTL);

    // The leader dies with Redis down; Redis comes back without its lock.
    leader.connection.disconnect();
    await redis.restart(100);
    await connected(follower.connection);
    const back = Date.now();
    expect(await until(() => follower.election.isLeader, 4 * TTL)).toBe(true);
    const tookOver = Date.now() - back;
    expect(tookOver).toBeGreaterThanOrEqual(TTL - 100);
    expect(tookOver).toBeLessThanOrEqual(TTL + TTL / 3 + 500);
  });
});
