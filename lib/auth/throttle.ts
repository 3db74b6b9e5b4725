import "server-only";

/**
 * Sign-in throttling. Only failures count: after `max` failed attempts within `windowMs` for one
 * key (an account, or an address), further attempts for that key are refused until the oldest
 * failure leaves the window. In memory for now; a Redis store can implement the same interface
 * when several instances must share the count.
 */
export interface AttemptLimiter {
  /** How long (ms) the key must wait before its next attempt; 0 when it may try now. */
  retryAfterMs(key: string): Promise<number>;
  recordFailure(key: string): Promise<void>;
  reset(key: string): Promise<void>;
}

export class MemoryAttemptLimiter implements AttemptLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async retryAfterMs(key: string): Promise<number> {
    const recent = this.recent(key);
    if (recent.length < this.max) return 0;
    // The attempt that frees a slot is the max-th most recent failure leaving the window.
    const freeing = recent[recent.length - this.max]!;
    return Math.max(1, freeing + this.windowMs - this.now());
  }

  async recordFailure(key: string): Promise<void> {
    const recent = this.recent(key);
    recent.push(this.now());
    // Keep memory bounded whatever an attacker sends: only the last `max` failures matter.
    this.failures.set(key, recent.slice(-this.max));
    if (this.failures.size > 100_000) this.sweep();
  }

  async reset(key: string): Promise<void> {
    this.failures.delete(key);
  }

  private recent(key: string): number[] {
    const since = this.now() - this.windowMs;
    const recent = (this.failures.get(key) ?? []).filter((at) => at > since);
    if (recent.length === 0) this.failures.delete(key);
    return recent;
  }

  private sweep(): void {
    for (const key of [...this.failures.keys()]) this.recent(key);
  }
}

/** "Too many sign-in attempts. Try again in 3 minutes." (rounded up, at least one minute). */
export function throttledMessage(retryAfterMs: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterMs / 60_000));
  return `Too many sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}

/**
 * The address a request came from, for throttling: the last x-forwarded-for entry, which the
 * nearest proxy (or Next.js itself) appended and a client cannot forge; earlier entries can be.
 */
export function clientAddress(headers: Record<string, string | string[] | undefined>): string {
  const forwarded = headers["x-forwarded-for"];
  const list = (Array.isArray(forwarded) ? forwarded.join(",") : (forwarded ?? ""))
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  const realIp = headers["x-real-ip"];
  return list.at(-1) ?? (typeof realIp === "string" ? realIp : undefined) ?? "unknown";
}
