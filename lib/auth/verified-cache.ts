import "server-only";

/**
 * How long a session verified against the database is believed without asking again. Every
 * change that ends sessions (signing out, a revoked display link, a user removed or changed)
 * clears what every instance believes at once (sessionsChanged, over the bus); only a change
 * made outside a running instance (`npm run user`) waits out this time.
 */
export const VERIFIED_FOR_MS = 5_000;
const MAX_ENTRIES = 50_000;

/**
 * Sessions verified recently, by their cookie: the hot paths (the snapshot, the stream, a
 * thousand screens reconnecting at once) then cost a map lookup instead of a token decryption
 * and database reads per request.
 */
export class VerifiedCache<T> {
  private readonly entries = new Map<string, { value: T; until: number }>();
  private readonly verifying = new Map<string, Promise<T | null>>();
  /** Bumped by clear(): a verification begun before a change must not be believed after it. */
  private generation = 0;

  constructor(private readonly now: () => number = Date.now) {
    caches.add(this as VerifiedCache<unknown>);
  }

  /** @param now the caller's clock, when it keeps its own (tests of rotation do). */
  get(key: string, now = this.now()): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.until > now) return entry.value;
    this.entries.delete(key);
    return undefined;
  }

  /** Believes `value` for VERIFIED_FOR_MS, or until `until` when that comes first. */
  set(key: string, value: T, until = Infinity, now = this.now()): void {
    if (this.entries.size >= MAX_ENTRIES) {
      // The oldest entry first: a Map iterates in insertion order.
      this.entries.delete(this.entries.keys().next().value!);
    }
    this.entries.set(key, { value, until: Math.min(until, now + VERIFIED_FOR_MS) });
  }

  /**
   * What `key` verifies to: believed if verified recently, else verified by `verify`, once
   * however many ask at the same moment (a thousand screens reconnecting with one session cost
   * one verification). `verify` answers null (not valid, not remembered) or the value and how
   * long at most it may be believed.
   */
  verified(
    key: string,
    verify: () => Promise<{ value: T; until?: number } | null>,
  ): Promise<T | null> {
    const known = this.get(key);
    if (known !== undefined) return Promise.resolve(known);
    let pending = this.verifying.get(key);
    if (!pending) {
      const generation = this.generation;
      pending = verify()
        .then((result) => {
          if (!result) return null;
          if (generation === this.generation) this.set(key, result.value, result.until);
          return result.value;
        })
        .finally(() => this.verifying.delete(key));
      this.verifying.set(key, pending);
    }
    return pending;
  }

  clear(): void {
    this.generation += 1;
    this.entries.clear();
    this.verifying.clear();
  }
}

type Holder = {
  __fleetLiveVerifiedCaches?: Set<VerifiedCache<unknown>>;
  __fleetLiveSessionListeners?: Set<() => Promise<void>>;
};
const holder = globalThis as typeof globalThis & Holder;
const caches = (holder.__fleetLiveVerifiedCaches ??= new Set());
const listeners = (holder.__fleetLiveSessionListeners ??= new Set());

/** Forgets every verified session of this instance (another instance said they changed). */
export function forgetVerifiedSessions(): void {
  for (const cache of caches) cache.clear();
}

/**
 * Sessions ended or changed here: forgets them on this instance and tells the others (the live
 * service listens and says it on the bus). Resolves once they have been told.
 */
export async function sessionsChanged(): Promise<void> {
  forgetVerifiedSessions();
  await Promise.all([...listeners].map((listener) => listener().catch(() => undefined)));
}

/** How the live service hears of local changes, to pass them on to the other instances. */
export function onSessionsChanged(listener: () => Promise<void>): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
