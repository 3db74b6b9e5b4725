import "server-only";
import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import type { StoredToken, TokenStore } from "@/lib/fleetup";
import { KEY_PREFIX } from "./connection";

const TOKEN_KEY = `${KEY_PREFIX}fleetup-token`;
const REFRESH_KEY = `${KEY_PREFIX}fleetup-token-refresh`;
/** Longer than a token request can take (its timeout and retries), so a dead claimer frees it. */
const REFRESH_CLAIM_MS = 30_000;

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
 * token manager then keeps its own copy.
 */
export class RedisTokenStore implements TokenStore {
  constructor(private readonly redis: Redis) {}

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
    const claim = randomUUID();
    const result = await this.redis
      .set(REFRESH_KEY, claim, "PX", REFRESH_CLAIM_MS, "NX")
      .catch(() => "OK" as const);
    if (result !== "OK") return undefined;
    return async () => {
      await this.redis.eval(RELEASE_CLAIM, 1, REFRESH_KEY, claim).catch(() => {});
    };
  }
}
