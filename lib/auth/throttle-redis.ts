import "server-only";
import { randomBytes } from "node:crypto";
import type { Redis } from "ioredis";
import { KEY_PREFIX } from "@/lib/live/redis/connection";
import {
  MemoryThrottleStore,
  type Take,
  type ThrottlePolicy,
  type ThrottleStore,
} from "./throttle";

const PREFIX = `${KEY_PREFIX}signin:`;

/**
 * One attempt, atomically, on Redis's own clock (instances' clocks may differ): refused with the
 * time left while the key must wait, else counted. The delay rule is `delayAfter`'s in throttle.ts.
 */
const TAKE = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local counted = tonumber(redis.call('HGET', KEYS[1], 'n') or '0')
local last = tonumber(redis.call('HGET', KEYS[1], 'last') or '0')
local free, first, max, window = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
if counted >= free then
  local wait = last + math.min(first * 2 ^ (counted - free), max) - now
  if wait > 0 then return wait end
end
redis.call('HSET', KEYS[1], 'n', counted + 1, 'last', now)
redis.call('PEXPIRE', KEYS[1], window)
return 0`;

const REFUND = `
local counted = tonumber(redis.call('HGET', KEYS[1], 'n') or '0')
if counted > 0 then redis.call('HSET', KEYS[1], 'n', counted - 1) end
return 0`;

const UNLOCK = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/** The counts shared by every instance. */
export class RedisThrottleStore implements ThrottleStore {
  constructor(private readonly redis: Redis) {}

  async take(key: string, policy: ThrottlePolicy): Promise<Take> {
    const wait = Number(
      await this.redis.eval(
        TAKE,
        1,
        PREFIX + key,
        policy.free,
        policy.firstDelayMs,
        policy.maxDelayMs,
        policy.windowMs,
      ),
    );
    return wait > 0 ? { ok: false, retryAfterMs: wait } : { ok: true };
  }

  async refund(key: string): Promise<void> {
    await this.redis.eval(REFUND, 1, PREFIX + key);
  }

  async reset(key: string): Promise<void> {
    await this.redis.del(PREFIX + key);
  }

  async lock(key: string, ttlMs: number): Promise<(() => Promise<void>) | undefined> {
    const owner = randomBytes(12).toString("base64url");
    const taken = await this.redis.set(PREFIX + key, owner, "PX", ttlMs, "NX");
    if (taken !== "OK") return undefined;
    return async () => {
      await this.redis.eval(UNLOCK, 1, PREFIX + key, owner);
    };
  }
}

/**
 * Redis while it answers, this process's memory while it does not: a Redis outage must neither
 * stop every sign-in nor lift the limits; each instance then counts on its own until Redis is
 * back.
 */
export class FallbackThrottleStore implements ThrottleStore {
  constructor(
    private readonly primary: ThrottleStore,
    private readonly fallback: ThrottleStore = new MemoryThrottleStore(),
  ) {}

  take(key: string, policy: ThrottlePolicy) {
    return this.primary.take(key, policy).catch(() => this.fallback.take(key, policy));
  }
  refund(key: string) {
    return this.primary.refund(key).catch(() => this.fallback.refund(key));
  }
  reset(key: string) {
    return this.primary.reset(key).catch(() => this.fallback.reset(key));
  }
  lock(key: string, ttlMs: number) {
    return this.primary.lock(key, ttlMs).then(
      (release) => release && (() => release().catch(() => undefined)),
      () => this.fallback.lock(key, ttlMs),
    );
  }
}
