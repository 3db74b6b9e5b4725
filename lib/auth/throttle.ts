import "server-only";
import { createHash, randomBytes } from "node:crypto";

/**
 * Sign-in throttling. Every attempt is counted *before* the password is checked, so a burst of
 * parallel guesses cannot all be verified while the count catches up; at most one verification
 * per account is in flight at a time. A key (an account, an address) has `free` attempts; after
 * them each further attempt must wait a delay that doubles, from `firstDelayMs` up to
 * `maxDelayMs`, after the one before: a progressive delay, never a lock that someone else's
 * guesses could hold shut. A key is forgotten a window after its last attempt. The counts live
 * in a `ThrottleStore`: memory per process, or Redis shared by every instance
 * (lib/auth/throttle-redis.ts).
 */
export type ThrottlePolicy = {
  free: number;
  windowMs: number;
  firstDelayMs: number;
  maxDelayMs: number;
};

/** The policy for `free` attempts per `windowS`: delays from 30 s, doubling up to 15 min. */
export function throttlePolicy(free: number, windowS: number): ThrottlePolicy {
  const windowMs = windowS * 1000;
  return {
    free,
    windowMs,
    firstDelayMs: Math.min(30_000, windowMs),
    maxDelayMs: Math.min(15 * 60_000, windowMs),
  };
}

/** How long after the `counted`-th attempt the next may start; 0 while attempts are free. */
export function delayAfter(counted: number, policy: ThrottlePolicy): number {
  if (counted < policy.free) return 0;
  return Math.min(policy.firstDelayMs * 2 ** (counted - policy.free), policy.maxDelayMs);
}

export type Take = { ok: true } | { ok: false; retryAfterMs: number };

export interface ThrottleStore {
  /** Counts one attempt for `key` unless it must still wait; atomic per key. */
  take(key: string, policy: ThrottlePolicy): Promise<Take>;
  /** Gives one counted attempt back (it was not a guess). */
  refund(key: string): Promise<void>;
  /** Forgets the key (its account signed in). */
  reset(key: string): Promise<void>;
  /** Holds `key` for at most `ttlMs`; the release function, or undefined when it is held. */
  lock(key: string, ttlMs: number): Promise<(() => Promise<void>) | undefined>;
}

type Entry = { counted: number; last: number; expiresAt: number };

export class MemoryThrottleStore implements ThrottleStore {
  private readonly entries = new Map<string, Entry>();
  private readonly locks = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  async take(key: string, policy: ThrottlePolicy): Promise<Take> {
    const now = this.now();
    const entry = this.live(key, now) ?? { counted: 0, last: 0, expiresAt: 0 };
    const wait = entry.last + delayAfter(entry.counted, policy) - now;
    if (entry.counted >= policy.free && wait > 0) return { ok: false, retryAfterMs: wait };
    this.entries.set(key, {
      counted: entry.counted + 1,
      last: now,
      expiresAt: now + policy.windowMs,
    });
    // Memory stays bounded whatever an attacker sends.
    if (this.entries.size > 100_000) this.sweep(now);
    return { ok: true };
  }

  async refund(key: string): Promise<void> {
    const entry = this.live(key, this.now());
    if (entry && entry.counted > 0) entry.counted -= 1;
  }

  async reset(key: string): Promise<void> {
    this.entries.delete(key);
  }

  async lock(key: string, ttlMs: number): Promise<(() => Promise<void>) | undefined> {
    const now = this.now();
    const held = this.locks.get(key);
    if (held !== undefined && held > now) return undefined;
    const until = now + ttlMs;
    this.locks.set(key, until);
    return async () => {
      if (this.locks.get(key) === until) this.locks.delete(key);
    };
  }

  private live(key: string, now: number): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private sweep(now: number): void {
    for (const key of [...this.entries.keys()]) this.live(key, now);
    for (const [key, until] of [...this.locks]) if (until <= now) this.locks.delete(key);
  }
}

/** Who is trying: the normalised email, the client's address and, if any, a trusted device. */
export type Attempt = { email: string; address: string; device?: string };

export type Admission =
  | { ok: true; finish(signedIn: boolean): Promise<void> }
  | { ok: false; reason: "throttled" | "busy"; retryAfterMs: number };

/** How long one verification may hold its account's lock (a scrypt takes well under a second). */
const VERIFY_LOCK_MS = 10_000;

/** Keys never carry an email or an address in clear (they may end up in Redis). */
const keyOf = (kind: string, value: string) =>
  `${kind}:${createHash("sha256").update(value).digest("base64url").slice(0, 22)}`;

/**
 * The rules of one sign-in attempt. The account is counted per trusted device when the browser
 * proves one (a device cookie from an earlier sign-in to this very account), else as a whole:
 * someone guessing from elsewhere slows down the account, never a browser its owner already
 * signed in with. The address is counted whatever the account.
 */
export class SignInThrottle {
  constructor(
    private readonly store: ThrottleStore,
    private readonly policies: { account: ThrottlePolicy; address: ThrottlePolicy },
  ) {}

  async admit(attempt: Attempt): Promise<Admission> {
    const address = keyOf("address", attempt.address);
    const account = keyOf(
      "account",
      attempt.device ? `${attempt.email}\n${attempt.device}` : attempt.email,
    );
    const byAddress = await this.store.take(address, this.policies.address);
    const byAccount = byAddress.ok
      ? await this.store.take(account, this.policies.account)
      : byAddress;
    if (!byAddress.ok || !byAccount.ok) {
      // A refused attempt checks nothing: it costs the guesser time, not a count. It never
      // touches the account's lock either, so a flood of refused guesses cannot keep the
      // owner's own attempt waiting.
      if (byAddress.ok) await this.store.refund(address);
      const refused = (byAddress.ok ? byAccount : byAddress) as { retryAfterMs: number };
      return { ok: false, reason: "throttled", retryAfterMs: refused.retryAfterMs };
    }
    const release = await this.store.lock(keyOf("verifying", attempt.email), VERIFY_LOCK_MS);
    if (!release) {
      // Another check of this account is under way: this one checks nothing, and counts nothing.
      await Promise.all([this.store.refund(address), this.store.refund(account)]);
      return { ok: false, reason: "busy", retryAfterMs: 1_000 };
    }
    return {
      ok: true,
      finish: async (signedIn) => {
        try {
          if (signedIn) {
            // Not `reset` for the address: signing in to one's own account between guesses
            // must not wipe the count of the guesses.
            await Promise.all([this.store.reset(account), this.store.refund(address)]);
          }
        } finally {
          await release();
        }
      },
    };
  }
}

/** A random id for a new device cookie. */
export function newDeviceId(): string {
  return randomBytes(16).toString("base64url");
}
