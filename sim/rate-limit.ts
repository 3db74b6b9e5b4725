/**
 * FleetUp allows one request per second (429 beyond). Scope is unknown (GAPS R2); like the
 * adapter, we assume one budget per API key, covering every path including /token.
 */
export type RateLimitConfig = { perSecond: number; retryAfter: boolean; enabled: boolean };
export type RateDecision = { admitted: true } | { admitted: false; retryAfterSeconds: number };

/** Network and timer jitter allowance, so a client pacing exactly at the limit is not refused. */
export const RATE_LIMIT_SLACK_MS = 25;

/**
 * THE rule: a request arriving less than (1000 / perSecond − 25) ms after the previous
 * ACCEPTED request of the same key is refused with 429. Refused requests are not accepted
 * requests, so they do not push the window further out.
 */
export function admitRequest(
  lastAccepted: Map<string, number>,
  key: string,
  nowMs: number,
  config: RateLimitConfig,
): RateDecision {
  if (!config.enabled) return { admitted: true };
  const minGapMs = Math.max(0, 1000 / config.perSecond - RATE_LIMIT_SLACK_MS);
  const previous = lastAccepted.get(key);
  if (previous !== undefined && nowMs - previous < minGapMs) {
    const waitMs = minGapMs - (nowMs - previous);
    return { admitted: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }
  lastAccepted.set(key, nowMs);
  return { admitted: true };
}
