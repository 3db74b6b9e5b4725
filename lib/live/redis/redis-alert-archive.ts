import "server-only";
import type { Redis } from "ioredis";
import type { Alert } from "@/lib/fleet/types";
import { KEY_PREFIX } from "./connection";

const ORDER_KEY = `${KEY_PREFIX}alerts:by-time`;
const DATA_KEY = `${KEY_PREFIX}alerts:data`;

/**
 * The alert log in Redis: every alert seen in the last 26 hours, once each by id, so the
 * instance that takes over polling knows everything the previous leader had seen.
 */
export class RedisAlertArchive {
  constructor(
    private readonly redis: Redis,
    private readonly retentionMs = 26 * 3_600_000,
  ) {}

  async add(alerts: readonly Alert[]): Promise<void> {
    if (alerts.length === 0) return;
    const horizon = Date.now() - this.retentionMs;
    const expired = await this.redis.zrangebyscore(ORDER_KEY, "-inf", horizon).catch(() => []);
    const batch = this.redis.multi();
    for (const alert of alerts) {
      batch.zadd(ORDER_KEY, alert.time, alert.id);
      batch.hset(DATA_KEY, alert.id, JSON.stringify(alert));
    }
    if (expired.length > 0) {
      batch.zremrangebyscore(ORDER_KEY, "-inf", horizon);
      batch.hdel(DATA_KEY, ...expired);
    }
    await batch.exec().catch(() => {});
  }

  /** Every alert kept, newest first; empty when Redis cannot be reached. */
  async load(): Promise<Alert[]> {
    const ids = await this.redis.zrevrange(ORDER_KEY, 0, -1).catch(() => []);
    if (ids.length === 0) return [];
    const texts = await this.redis.hmget(DATA_KEY, ...ids).catch(() => []);
    return texts.flatMap((text) => (text ? [JSON.parse(text) as Alert] : []));
  }
}
