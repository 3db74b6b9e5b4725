import "server-only";
import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import type { LeaderElection } from "../leader";
import { KEY_PREFIX, onReconnect } from "./connection";

export const LOCK_KEY = `${KEY_PREFIX}leader`;

/**
 * Holds the lock, or takes it when it is free and this instance may take a free lock (ARGV[3]),
 * and extends it; 1 while this instance leads, 0 when another does or the lock is left free.
 */
const CLAIM = `
local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] or (holder == false and ARGV[3] == '1') then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0`;

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * Exactly one instance polls FleetUp: the holder of a Redis lock with an expiry of `ttlMs`,
 * claimed or extended every third of it. When the leader dies its lock expires and another
 * instance takes over within `ttlMs` plus one check. While Redis is unreachable nobody can
 * change hands: the leader keeps polling for its own screens, followers serve their last
 * snapshot marked stale.
 *
 * When Redis comes back empty (a restart keeps nothing), the leader re-takes its lock the moment
 * it reconnects, and a follower leaves a free lock alone for one lock life after its own
 * reconnect: it takes over only if the leader is really gone, as if the leader had renewed the
 * lock just before Redis went away. `afterReconnect` then runs with whether this instance leads
 * (the leader writes back what Redis lost).
 */
export class RedisLeaderElection implements LeaderElection {
  isLeader = false;
  readonly instanceId = randomUUID();
  private timer: ReturnType<typeof setInterval> | undefined;
  private reconnectedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly redis: Redis,
    private readonly ttlMs: number,
    private readonly options: {
      afterReconnect?: (leading: boolean) => void;
      now?: () => number;
    } = {},
  ) {}

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  start(onChange: (leader: boolean) => void): void {
    const check = async () => {
      const mayTakeFree = this.isLeader || this.now() - this.reconnectedAt >= this.ttlMs;
      const held = await this.redis
        .eval(CLAIM, 1, LOCK_KEY, this.instanceId, this.ttlMs, mayTakeFree ? 1 : 0)
        .then((result) => result === 1)
        .catch(() => this.isLeader);
      if (held !== this.isLeader) {
        this.isLeader = held;
        console.info(
          `[live] this instance ${held ? "now polls FleetUp (leader)" : "follows the leader"}`,
        );
        onChange(held);
      }
    };
    onReconnect(this.redis, () => {
      this.reconnectedAt = this.now();
      void check().then(() => this.options.afterReconnect?.(this.isLeader));
    });
    void check();
    this.timer = setInterval(() => void check(), Math.max(200, Math.floor(this.ttlMs / 3)));
    this.timer.unref?.();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    if (this.isLeader) {
      this.isLeader = false;
      await this.redis.eval(RELEASE, 1, LOCK_KEY, this.instanceId).catch(() => {});
    }
  }
}
