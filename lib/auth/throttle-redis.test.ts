import { createServer } from "node:net";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRedis, type RedisProcess } from "@/e2e/support/redis-server";
import { SignInThrottle, type ThrottlePolicy } from "./throttle";
import { FallbackThrottleStore, RedisThrottleStore } from "./throttle-redis";

const POLICY: ThrottlePolicy = {
  free: 5,
  windowMs: 60_000,
  firstDelayMs: 30_000,
  maxDelayMs: 60_000,
};

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("RedisThrottleStore (real redis-server)", () => {
  let redis: RedisProcess;
  const clients: Redis[] = [];
  const connect = () => {
    const client = new Redis(redis.url);
    clients.push(client);
    return client;
  };
  beforeAll(async () => {
    redis = await startRedis(await freePort());
  });
  afterAll(async () => {
    for (const client of clients) client.disconnect();
    await redis.stop();
  });

  it("shares one count between instances, atomically, under a parallel burst", async () => {
    // Two instances, each with its own connection, take attempts for one account at once.
    const stores = [new RedisThrottleStore(connect()), new RedisThrottleStore(connect())];
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, index) => stores[index % 2]!.take("account:burst", POLICY)),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(POLICY.free);
    const refused = results.find((result) => !result.ok) as { retryAfterMs: number };
    expect(refused.retryAfterMs).toBeGreaterThan(29_000);
    expect(refused.retryAfterMs).toBeLessThanOrEqual(30_000);
  });

  it("gives one lock per account across instances, and releases only its own", async () => {
    const [a, b] = [new RedisThrottleStore(connect()), new RedisThrottleStore(connect())];
    const release = await a.lock("verifying:x", 10_000);
    expect(release).toBeDefined();
    expect(await b.lock("verifying:x", 10_000)).toBeUndefined();
    await release!();
    const other = await b.lock("verifying:x", 10_000);
    expect(other).toBeDefined();
    await release!(); // a second release by the first holder must not free the new holder's lock
    expect(await a.lock("verifying:x", 10_000)).toBeUndefined();
  });

  it("refunds and resets what it counted", async () => {
    const store = new RedisThrottleStore(connect());
    for (let attempt = 0; attempt < POLICY.free; attempt += 1) await store.take("k:refund", POLICY);
    await store.refund("k:refund");
    expect(await store.take("k:refund", POLICY)).toEqual({ ok: true });
    expect((await store.take("k:refund", POLICY)).ok).toBe(false);
    await store.reset("k:refund");
    expect(await store.take("k:refund", POLICY)).toEqual({ ok: true });
  });

  it("keeps throttling in memory while Redis cannot be reached", async () => {
    const down = new Redis(`redis://127.0.0.1:${await freePort()}`, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
      lazyConnect: true,
    });
    clients.push(down);
    const throttle = new SignInThrottle(new FallbackThrottleStore(new RedisThrottleStore(down)), {
      account: { ...POLICY, free: 2 },
      address: POLICY,
    });
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const admitted = await throttle.admit({ email: "ann@example.com", address: "1.1.1.1" });
      expect(admitted.ok).toBe(true);
      if (admitted.ok) await admitted.finish(false);
    }
    expect(await throttle.admit({ email: "ann@example.com", address: "1.1.1.1" })).toMatchObject({
      ok: false,
      reason: "throttled",
    });
  });
});
