import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { TokenManager } from "@/lib/fleetup";
import { RedisTokenStore } from "./redis-token-store";
import { connected, pause, startTestRedis } from "@/e2e/support/test-redis";

/** The deployment's one FleetUp token in a real Redis that restarts empty. */
describe("RedisTokenStore through a Redis restart (real Redis)", { timeout: 30_000 }, () => {
  let redis: Awaited<ReturnType<typeof startTestRedis>>;
  let issued = 0;
  /** FleetUp's token endpoint: a new token each time it is asked. */
  const fetchToken = async () => ({ token: `token-${++issued}` });
  const manager = (connection: Redis) =>
    new TokenManager({ kind: "legacy", fetchToken, store: new RedisTokenStore(connection) });

  beforeAll(async () => {
    redis = await startTestRedis();
  });
  afterAll(() => redis?.stop());
  afterEach(() => redis.disconnectAll());
  beforeEach(async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    issued = 0;
    const admin = redis.connect("admin");
    await connected(admin);
    await admin.flushall();
  });

  it("an instance holding a valid token writes it back when Redis comes back empty, so the deployment keeps its one token", async () => {
    const first = redis.connect("first");
    const second = redis.connect("second");
    await Promise.all([connected(first), connected(second)]);
    const holder = manager(first);
    const other = manager(second);
    const token = await holder.get();

    await redis.restart(300);
    await Promise.all([connected(first), connected(second)]);
    await pause(100);
    expect(await other.get()).toBe(token);
    expect(issued).toBe(1);
  });

  it("an instance without a token waits for one being written back before asking FleetUp", async () => {
    // The holder reconnects a second and a half after Redis is back; the other at once.
    const slow = redis.adopt(
      new Redis(redis.url, {
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
        retryStrategy: () => 1_500,
      }),
    );
    const fast = redis.connect("fast");
    await Promise.all([connected(slow), connected(fast)]);
    const holder = manager(slow);
    const other = manager(fast);
    const token = await holder.get();

    await redis.restart(100);
    await connected(fast);
    expect(slow.status).not.toBe("ready");
    expect(await other.get()).toBe(token);
    expect(issued).toBe(1);
  });

  it("asks FleetUp once when no instance holds a valid token", async () => {
    const first = redis.connect("first");
    const second = redis.connect("second");
    await Promise.all([connected(first), connected(second)]);
    await redis.restart(100);
    await Promise.all([connected(first), connected(second)]);
    const tokens = await Promise.all([manager(first).get(), manager(second).get()]);
    expect(tokens[0]).toBe(tokens[1]);
    expect(issued).toBe(1);
  });
});
