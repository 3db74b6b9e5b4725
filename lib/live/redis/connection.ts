import "server-only";
import { Redis } from "ioredis";

export const KEY_PREFIX = "fleet-live:";

/**
 * A Redis connection that reconnects by itself and fails fast while Redis is down (no offline
 * queue), so an instance keeps serving its last snapshot instead of piling up commands. It tries
 * again at least every second, so every instance is back within about a second of Redis (what
 * the leader's re-take and the token's write-back count on, see `onReconnect`).
 */
export function connectRedis(url: string, name: string): Redis {
  const redis = new Redis(url, {
    connectionName: `fleet-live-${name}`,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    retryStrategy: (attempt) => Math.min(attempt * 100, 1_000),
    reconnectOnError: () => true,
  });
  let down = false;
  redis.on("error", (error: Error) => {
    if (down) return;
    down = true;
    // The message names the problem (e.g. ECONNREFUSED); the URL, which may hold a password, is not logged.
    console.warn(
      `[redis] ${name} connection lost: ${error.message.replace(/redis(s)?:\/\/\S+/g, "redis://…")}`,
    );
  });
  redis.on("ready", () => {
    if (down) console.warn(`[redis] ${name} connection restored`);
    down = false;
  });
  return redis;
}

/** Resolves once the connection is up, or after `timeoutMs` (commands then fail fast). */
export function whenReady(redis: Redis, timeoutMs = 5_000): Promise<void> {
  if (redis.status === "ready") return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, timeoutMs);
    function done() {
      clearTimeout(timer);
      redis.off("ready", done);
      resolve();
    }
    redis.on("ready", done);
  });
}

/**
 * Calls `restore` each time the connection is ready again after it was lost. Redis keeps nothing
 * (no persistence), so a reconnect may find it empty: whoever holds the deployment's shared state
 * (the token, the leader's snapshot and lock) writes it back. The first connect is not a reconnect.
 */
export function onReconnect(redis: Redis, restore: () => void): void {
  let connectedBefore = redis.status === "ready";
  redis.on("ready", () => {
    if (connectedBefore) restore();
    connectedBefore = true;
  });
}
