import { createServer } from "node:net";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRedis, type RedisProcess } from "@/e2e/support/redis-server";
import { RedisSharedBudget } from "./redis-budget";

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("RedisSharedBudget (real redis-server)", () => {
  let redis: RedisProcess;
  let client: Redis;
  beforeAll(async () => {
    redis = await startRedis(await freePort());
    client = new Redis(redis.url);
  });
  afterAll(async () => {
    client.disconnect();
    await redis.stop();
  });

  it("spaces the next start after a slot booked far ahead, not only within the key's first seconds", async () => {
    const budget = new RedisSharedBudget(client);
    const [seconds = 0, micros = 0] = (await client.time()).map(Number);
    const now = seconds * 1000 + Math.floor(micros / 1000);
    // Another instance booked the budget 5 s ahead (a Retry-After, or a long queue).
    await client.set("fleet-live:fleetup-next-slot", String(now + 5_000), "PX", 20_000);
    const first = await budget.reserve(100);
    expect(first).toBeGreaterThan(4_900);
    // A key that expires 2 s after the first booking would tell this second start "no wait".
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const second = await budget.reserve(100);
    expect(second).toBeGreaterThan(first - 2_500);
  });
});
