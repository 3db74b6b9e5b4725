import "server-only";
import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import type { StoredToken, TokenStore } from "@/lib/fleetup";
import { KEY_PREFIX, onReconnect } from "./connection";

const TOKEN_KEY = `${KEY_PREFIX}fleetup-token`;
const REFRESH_KEY = `${KEY_PREFIX}fleetup-token-refresh`;
/** Longer than a token request can take (its timeout and retries), so a dead claimer frees it. */
const REFRESH_CLAIM_MS = 30_000;
/**
 * After a reconnect, how long before this instance may claim a new token: every instance is back
 * within about a second of Redis (see `connectRedis`), and one holding a valid token writes it
 * back as it does.
 */
const RESTORE_WAIT_MS = 2_500;

const RELEASE_CLAIM = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

const DELETE_IF = `
local stored = redis.call('GET', KEYS[1])
if stored and cjson.decode(stored).value == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * The deployment's one FleetUp token, in Redis, so every instance uses the same token as FleetUp
 * asks. It expires with the token. When Redis is down, reads miss and writes are skipped: the
 * token manager then keeps its own copy. When Redis comes back empty (a restart), an instance
 * that holds a valid token writes it back, and an instance without one waits a moment for that
 * before it claims a new one: a restart costs FleetUp no token.
 */
export class RedisTokenStore implements TokenStore {
  private held: () => StoredToken | undefined = () => undefined;
  private reconnectedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly redis: Redis,
    private readonly now: () => number = Date.now,
  ) {
    onReconnect(redis, () => {
      this.reconnectedAt = this.now();
      void this.writeBack();
    });
  }

  restoreFrom(held: () => StoredToken | undefined): void {
    this.held = held;
  }

  /** Puts this instance's valid token back unless Redis already holds one. */
  async writeBack(): Promise<void> {
    const token = this.held();
    if (!token) return;
    const ttl = token.expiresAt - this.now();
    if (ttl < 1_000) return;
    await this.redis.set(TOKEN_KEY, JSON.stringify(token), "PX", ttl, "NX").catch(() => {});
  }

  async get(): Promise<StoredToken | undefined> {
    const text = await this.redis.get(TOKEN_KEY).catch(() => null);
    return text ? (JSON.parse(text) as StoredToken) : undefined;
  }

  async set(token: StoredToken): Promise<void> {
    const ttl = Math.max(1_000, token.expiresAt - Date.now());
    await this.redis.set(TOKEN_KEY, JSON.stringify(token), "PX", ttl).catch(() => {});
  }

  async delete(value: string): Promise<void> {
    await this.redis.eval(DELETE_IF, 1, TOKEN_KEY, value).catch(() => {});
  }

  /** One instance fetches the next token; with Redis down, each instance fends for itself. */
  async claimRefresh(): Promise<(() => Promise<void>) | undefined> {
    // Still reconnecting is not down: a restarted Redis is back within about a second, and the
    // instance holding the token writes it back then. Claiming at once (the claim fails, so
    // "down") cost FleetUp a second token when a call came in that second (fresh-clone CI).
    if (this.redis.status !== "ready") await this.readyWithin(RESTORE_WAIT_MS);
    const restoring = this.reconnectedAt + RESTORE_WAIT_MS - this.now();
    if (restoring > 0) await new Promise((resolve) => setTimeout(resolve, restoring));
    const claim = randomUUID();
    const result = await this.redis
      .set(REFRESH_KEY, claim, "PX", REFRESH_CLAIM_MS, "NX")
      .catch(() => "OK" as const);
    if (result !== "OK") return undefined;
    return async () => {
      await this.redis.eval(RELEASE_CLAIM, 1, REFRESH_KEY, claim).catch(() => {});
    };
  }

  private readyWithin(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.redis.off("ready", done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.redis.once("ready", done);
    });
  }
}
