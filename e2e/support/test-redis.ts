import type { Redis } from "ioredis";
import { connectRedis } from "../../lib/live/redis/connection";
import { freePort, startRedis } from "./redis-server";

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once `redis` is connected (again), or fails after `timeoutMs`. */
export async function connected(redis: Redis, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (redis.status !== "ready") {
    if (Date.now() > deadline) throw new Error(`Redis connection still ${redis.status}`);
    await pause(20);
  }
}

/**
 * For unit tests (vitest, which stands in for `server-only`): a real redis-server of the test's own on a free port, restarted empty (as the
 * product's keeps nothing), and connections made the way the product makes them.
 */
export async function startTestRedis() {
  const port = await freePort();
  let server = await startRedis(port);
  const clients: Redis[] = [];
  return {
    url: server.url,
    connect(name = "test"): Redis {
      return this.adopt(connectRedis(server.url, name));
    },
    /** Closes `client` with the others at the end. */
    adopt(client: Redis): Redis {
      clients.push(client);
      return client;
    },
    async down(): Promise<void> {
      await server.stop();
    },
    async up(): Promise<void> {
      server = await startRedis(port);
    },
    async restart(downMs = 200): Promise<void> {
      await server.stop();
      await pause(downMs);
      server = await startRedis(port);
    },
    /** Closes every connection made so far (a test's instances end with the test). */
    disconnectAll(): void {
      for (const client of clients.splice(0)) client.disconnect();
    },
    async stop(): Promise<void> {
      this.disconnectAll();
      await server.stop();
    },
  };
}
