import "server-only";

/**
 * The five ways a FleetUp call can fail, as callers need to tell them apart:
 * - auth: credentials or token rejected (401/403), not fixed by retrying;
 * - rate_limited: FleetUp answered 429 (the limiter has already paused the whole budget);
 * - timeout: no complete answer within the configured time;
 * - upstream: network error, 5xx, another unexpected status, or the circuit breaker is open;
 * - bad_payload: the answer was not JSON or not any shape we can read.
 */
export type FleetUpErrorKind = "auth" | "rate_limited" | "timeout" | "upstream" | "bad_payload";

/**
 * A failed FleetUp call. Its message is built only from the endpoint path, the HTTP status, the
 * kind and a short detail chosen by the adapter, never from headers or response bodies, so it
 * cannot carry a secret or a token; `redactSecrets` runs over it anyway as a second guard.
 */
export class FleetUpError extends Error {
  override name = "FleetUpError";
  readonly kind: FleetUpErrorKind;
  readonly endpoint: string;
  readonly status?: number;
  /** Whether trying again later could succeed (network errors, timeouts, 5xx, 429). */
  readonly retryable: boolean;
  /** Milliseconds FleetUp asked us to wait (Retry-After), when it said so. */
  readonly retryAfterMs?: number;

  constructor(options: {
    kind: FleetUpErrorKind;
    endpoint: string;
    status?: number;
    detail?: string;
    retryable?: boolean;
    retryAfterMs?: number;
    secrets?: readonly (string | undefined)[];
  }) {
    const status = options.status === undefined ? "" : ` (HTTP ${options.status})`;
    const detail = options.detail ? `: ${options.detail}` : "";
    const message = `FleetUp ${options.endpoint} failed, ${options.kind}${status}${detail}`;
    super(redactSecrets(message, options.secrets ?? []));
    this.kind = options.kind;
    this.endpoint = redactSecrets(options.endpoint, options.secrets ?? []);
    this.status = options.status;
    this.retryable = options.retryable ?? defaultRetryable(options.kind, options.status);
    this.retryAfterMs = options.retryAfterMs;
  }
}

function defaultRetryable(kind: FleetUpErrorKind, status: number | undefined): boolean {
  switch (kind) {
    case "timeout":
    case "rate_limited":
      return true;
    case "upstream":
      return status === undefined || status >= 500;
    case "auth":
    case "bad_payload":
      return false;
  }
}

export function isFleetUpError(error: unknown): error is FleetUpError {
  return error instanceof FleetUpError;
}

const REDACTED = "[redacted]";

/**
 * Replaces every occurrence of each secret (api key, account secret, tokens) in `text`. Values
 * shorter than 4 characters are skipped: replacing "a" everywhere would destroy the message and
 * protect nothing.
 */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let result = text;
  const ordered = secrets
    .filter((secret): secret is string => typeof secret === "string" && secret.length >= 4)
    .sort((a, b) => b.length - a.length);
  for (const secret of ordered) {
    result = result.split(secret).join(REDACTED);
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) result = result.split(encoded).join(REDACTED);
  }
  return result;
}

/** A short, safe description of a low-level error: a Node error code, never its message. */
export function describeNetworkError(error: unknown): string {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === "object" && !seen.has(current)) {
    seen.add(current);
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && /^[A-Z][A-Z0-9_]{1,40}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return "network error";
}
