import "server-only";
import type { Redis } from "ioredis";
import { KEY_PREFIX } from "./connection";

const NEXT_SLOT_KEY = `${KEY_PREFIX}fleetup-next-slot`;

/**
 * Takes the next free start time for the whole deployment and returns how long to wait for it.
 * Redis's own clock is used, so instances with slightly different clocks still share one budget.
 */
const RESERVE = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local next = tonumber(redis.call('GET', KEYS[1]) or '0')
local start = math.max(now, next)
local interval = tonumber(ARGV[1])
-- The key must outlive the slot it books, however far ahead that is.
redis.call('SET', KEYS[1], start + interval, 'PX', math.ceil(start - now + interval * 11 + 1000))
return start - now`;

/**
 * FleetUp's limit is per account, not per instance: every upstream request of every instance
 * reserves its start here. With Redis down this answers "no wait", and each instance's own
 * limiter still keeps it within the limit.
 */
export class RedisSharedBudget {
  constructor(private readonly redis: Redis) {}

  async reserve(intervalMs: number): Promise<number> {
    const wait = await this.redis
      .eval(RESERVE, 1, NEXT_SLOT_KEY, String(Math.ceil(intervalMs)))
      .catch(() => 0);
    return Number(wait) || 0;
  }
}
