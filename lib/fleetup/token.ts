import "server-only";
import { sleep, systemClock, type Clock } from "./clock";

/** A FleetUp token with what we know about its life. Times are epoch ms. */
export type StoredToken = {
  value: string;
  kind: "jwt" | "legacy";
  obtainedAt: number;
  expiresAt: number;
  /** From this moment callers get a fresh token instead of this one. */
  refreshAt: number;
  /** Where `expiresAt` came from, for the logs and the probe. */
  expirySource: ExpirySource;
};

export type ExpirySource = "jwt_exp" | "expire_time" | "default";

/**
 * Where the token lives. In memory for one process; a Redis implementation lets several
 * instances share one token, as FleetUp asks ("requesting tokens over and over makes the
 * service unstable").
 */
export interface TokenStore {
  get(): Promise<StoredToken | undefined>;
  set(token: StoredToken): Promise<void>;
  /** Forgets the stored token only if it is still `value` (another instance may have replaced it). */
  delete(value: string): Promise<void>;
  /**
   * For a store shared by several instances: claims the right to fetch a new token. Returns a
   * release function, or undefined while another instance is fetching one (the caller then
   * waits for that token in the store). A store used by one process needs none.
   */
  claimRefresh?(): Promise<(() => Promise<void>) | undefined>;
  /**
   * For a store that can lose what it holds (a Redis restart keeps nothing): `held` reads the
   * valid token this process holds, and the store writes it back when it finds itself emptied,
   * so the deployment keeps its one token instead of asking FleetUp for another.
   */
  restoreFrom?(held: () => StoredToken | undefined): void;
}

/** How long an instance waits for another instance's token before fetching its own. */
const SHARED_REFRESH_WAIT_MS = 15_000;
const SHARED_REFRESH_POLL_MS = 200;

export class MemoryTokenStore implements TokenStore {
  private token: StoredToken | undefined;

  async get(): Promise<StoredToken | undefined> {
    return this.token;
  }

  async set(token: StoredToken): Promise<void> {
    this.token = token;
  }

  async delete(value: string): Promise<void> {
    if (this.token?.value === value) this.token = undefined;
  }
}

/** FleetUp documents one hour for both token kinds. */
export const DEFAULT_TOKEN_TTL_MS = 3_600_000;
/** Refresh this long before expiry (less for short-lived tokens, see `computeExpiry`). */
export const MAX_REFRESH_MARGIN_MS = 60_000;

/** The `exp` claim (epoch seconds) of a JWT, if the token is a JWT and carries one. */
export function decodeJwtExp(token: string): number | undefined {
  const parts = token.split(".");
  if (parts.length !== 3 || !parts[1]) return undefined;
  try {
    const payload: unknown = JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8"));
    const exp = (payload as { exp?: unknown } | null)?.exp;
    return typeof exp === "number" && Number.isFinite(exp) ? exp : undefined;
  } catch {
    return undefined;
  }
}

/** Reads a legacy `expireTime`: Unix seconds as documented, tolerating ms and numeric text. */
function parseExpireTime(value: unknown): number | undefined {
  const number =
    typeof value === "number" ? value : typeof value === "string" ? Number(value.trim()) : NaN;
  if (!Number.isFinite(number) || number <= 0) return undefined;
  return number > 1e12 ? number : number * 1000;
}

/**
 * When a token expires and when to replace it: the JWT `exp` claim, else the legacy
 * `expireTime`, else one hour. An expiry already in the past (clock skew, garbage) is ignored in
 * favour of the next source, since trusting it would mean a new token for every call. The
 * refresh margin is 60 s, or a tenth of the lifetime for short-lived tokens, so a token is
 * always used for most of its life.
 */
export function computeExpiry(
  token: string,
  expireTime: unknown,
  now: number,
): Pick<StoredToken, "expiresAt" | "refreshAt" | "expirySource"> {
  const candidates: Array<[ExpirySource, number | undefined]> = [
    ["jwt_exp", mapDefined(decodeJwtExp(token), (seconds) => seconds * 1000)],
    ["expire_time", parseExpireTime(expireTime)],
  ];
  const found = candidates.find(([, at]) => at !== undefined && at > now);
  const [expirySource, expiresAt] = found
    ? [found[0], found[1] as number]
    : (["default", now + DEFAULT_TOKEN_TTL_MS] as const);
  const margin = Math.min(MAX_REFRESH_MARGIN_MS, (expiresAt - now) / 10);
  return { expiresAt, refreshAt: expiresAt - margin, expirySource };
}

function mapDefined<T, U>(value: T | undefined, map: (value: T) => U): U | undefined {
  return value === undefined ? undefined : map(value);
}

export type FetchedToken = { token: string; expireTime?: unknown };

export type TokenManagerOptions = {
  kind: "jwt" | "legacy";
  /** Calls FleetUp's token endpoint (through the request budget). */
  fetchToken: () => Promise<FetchedToken>;
  store?: TokenStore;
  clock?: Clock;
  onRefresh?: (token: StoredToken) => void;
};

/**
 * Hands out the current token and replaces it shortly before it expires. One refresh is in
 * flight at a time however many callers wait, so a burst of cold or post-expiry calls costs one
 * token request. Across instances the store is shared, and a store that can `claimRefresh` makes
 * one instance fetch while the others wait for its token.
 */
export class TokenManager {
  private readonly store: TokenStore;
  private readonly clock: Clock;
  private inflight: Promise<StoredToken> | undefined;
  private local: StoredToken | undefined;
  private readonly seen: string[] = [];

  constructor(private readonly options: TokenManagerOptions) {
    this.store = options.store ?? new MemoryTokenStore();
    this.clock = options.clock ?? systemClock;
    this.store.restoreFrom?.(() =>
      this.usable(this.local, undefined) ? (this.local as StoredToken) : undefined,
    );
  }

  /** A token that is valid for a while yet, refreshing (once, shared) if needed. */
  async get(): Promise<string> {
    return (await this.current(undefined)).value;
  }

  /**
   * FleetUp answered 401 to `rejected`. Returns a different token: one another caller already
   * fetched, or a fresh one (shared with every other caller that saw the same 401).
   */
  async replaceRejected(rejected: string): Promise<string> {
    if (!this.inflight) await this.store.delete(rejected);
    return (await this.current(rejected)).value;
  }

  /** Tokens this process has handled (most recent last), for redaction. */
  knownTokens(): readonly string[] {
    return this.seen;
  }

  private usable(token: StoredToken | undefined, rejected: string | undefined): boolean {
    return token !== undefined && token.value !== rejected && this.clock.now() < token.refreshAt;
  }

  private async current(rejected: string | undefined): Promise<StoredToken> {
    if (this.inflight) return this.inflight;
    if (this.usable(this.local, rejected)) return this.local as StoredToken;
    const stored = await this.store.get();
    if (this.usable(stored, rejected)) {
      this.remember(stored as StoredToken);
      return stored as StoredToken;
    }
    // Another caller may have started or finished a refresh while we read the store.
    if (this.inflight) return this.inflight;
    if (this.usable(this.local, rejected)) return this.local as StoredToken;
    return this.refresh(rejected);
  }

  private refresh(rejected: string | undefined): Promise<StoredToken> {
    this.inflight ??= (async () => {
      const release = await this.store.claimRefresh?.();
      if (this.store.claimRefresh && !release) {
        const fromPeer = await this.awaitPeerToken(rejected);
        if (fromPeer) return fromPeer;
      }
      try {
        // Another instance may have stored a fresh token between our read and the claim.
        const stored = release ? await this.store.get() : undefined;
        if (this.usable(stored, rejected)) {
          this.remember(stored as StoredToken);
          return stored as StoredToken;
        }
        return await this.fetchAndStore();
      } finally {
        await release?.();
      }
    })().finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  /** Another instance is fetching the deployment's token: wait for it to appear in the store. */
  private async awaitPeerToken(rejected: string | undefined): Promise<StoredToken | undefined> {
    const deadline = this.clock.now() + SHARED_REFRESH_WAIT_MS;
    while (this.clock.now() < deadline) {
      await sleep(this.clock, SHARED_REFRESH_POLL_MS);
      const stored = await this.store.get();
      if (this.usable(stored, rejected)) {
        this.remember(stored as StoredToken);
        return stored;
      }
    }
    return undefined;
  }

  private async fetchAndStore(): Promise<StoredToken> {
    const fetched = await this.options.fetchToken();
    const now = this.clock.now();
    const token: StoredToken = {
      value: fetched.token,
      kind: this.options.kind,
      obtainedAt: now,
      ...computeExpiry(fetched.token, fetched.expireTime, now),
    };
    this.remember(token);
    await this.store.set(token);
    this.options.onRefresh?.(token);
    return token;
  }

  private remember(token: StoredToken): void {
    this.local = token;
    if (!this.seen.includes(token.value)) {
      this.seen.push(token.value);
      if (this.seen.length > 8) this.seen.shift();
    }
  }
}
