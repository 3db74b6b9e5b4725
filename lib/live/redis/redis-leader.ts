import "server-only";
import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import type { LeaderElection } from "../leader";
import { KEY_PREFIX } from "./connection";

const LOCK_KEY = `${KEY_PREFIX}leader`;

/**
 * Holds the lock (or takes it when it is free or lost with a Redis restart) and extends it; 1
 * while this instance leads, 0 when another does.
 */
const CLAIM = `
local holder = redis.call('GET', KEYS[1])
if holder == false or holder == ARGV[1] then
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
 * snapshot marked stale, and the lock is settled again when Redis returns.
 */
export class RedisLeaderElection implements LeaderElection {
  isLeader = false;
  readonly instanceId = randomUUID();
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly redis: Redis,
    private readonly ttlMs: number,
  ) {}

  start(onChange: (leader: boolean) => void): void {
    const check = async () => {
      const held = await this.redis
        .eval(CLAIM, 1, LOCK_KEY, this.instanceId, String(this.ttlMs))
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
