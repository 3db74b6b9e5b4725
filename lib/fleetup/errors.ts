import "server-only";

/**
 * The six ways a FleetUp call can fail, as callers need to tell them apart:
 * - auth: credentials or token rejected (401/403), not fixed by retrying;
 * - rate_limited: FleetUp answered 429 (the limiter has already paused the whole budget);
 * - timeout: no complete answer within the configured time;
 * - upstream: network error, 5xx, another unexpected status, or the circuit breaker is open;
 * - bad_payload: the answer was not JSON or not any shape we can read;
 * - not_sent: we chose not to call (the caller cancelled, or the deployment's shared budget
 *   could not be reached), so FleetUp said nothing either way.
 */
export type FleetUpErrorKind =
  "auth" | "rate_limited" | "timeout" | "upstream" | "bad_payload" | "not_sent";

/**
 * A failed FleetUp call. Its message is built from the endpoint path, the HTTP status, the kind,
 * a short detail chosen by the adapter and FleetUp's own words (`upstream`: the error body,
 * redacted of every secret and token and cut to 500 characters by `describeUpstreamBody`);
 * `redactSecrets` runs over the whole message as a second guard.
 */
export class FleetUpError extends Error {
  override name = "FleetUpError";
  readonly kind: FleetUpErrorKind;
  readonly endpoint: string;
  /**
   * The HTTP status, or the code of a `{code, msg}` error envelope FleetUp sent with 200 when
   * that code is an HTTP-like number (`envelope` then says so).
   */
  readonly status?: number;
  /** The answer was a 200 whose body was an error envelope. */
  readonly envelope: boolean;
  /** FleetUp's own words: the error body, redacted and cut to 500 characters. */
  readonly upstream?: string;
  /** Whether trying again later could succeed (network errors, timeouts, 5xx, 429). */
  readonly retryable: boolean;
  /** Milliseconds FleetUp asked us to wait (Retry-After), when it said so. */
  readonly retryAfterMs?: number;

  constructor(options: {
    kind: FleetUpErrorKind;
    endpoint: string;
    status?: number;
    envelope?: boolean;
    detail?: string;
    upstream?: string;
    retryable?: boolean;
    retryAfterMs?: number;
    secrets?: readonly (string | undefined)[];
  }) {
    const secrets = options.secrets ?? [];
    const status =
      options.status === undefined
        ? ""
        : options.envelope
          ? ` (HTTP 200, error code ${options.status})`
          : ` (HTTP ${options.status})`;
    const detail = options.detail ? `: ${options.detail}` : "";
    const upstream = options.upstream ? `; FleetUp said: ${options.upstream}` : "";
    const message = `FleetUp ${options.endpoint} failed, ${options.kind}${status}${detail}${upstream}`;
    super(redactSecrets(message, secrets));
    this.kind = options.kind;
    this.endpoint = redactSecrets(options.endpoint, secrets);
    this.status = options.status;
    this.envelope = options.envelope ?? false;
    this.upstream =
      options.upstream === undefined ? undefined : redactSecrets(options.upstream, secrets);
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
    case "not_sent":
      return false;
  }
}

export function isFleetUpError(error: unknown): error is FleetUpError {
  return error instanceof FleetUpError;
}

const REDACTED = "[redacted]";

/**
 * Replaces every occurrence of each secret (api key, account secret, account id, tokens) in
 * `text`. Values shorter than 4 characters are skipped: replacing "a" everywhere would destroy
 * the message and protect nothing. A secret made of digits (the account id) is replaced only
 * where it stands alone, not inside a longer number such as a timestamp.
 */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let result = text;
  const ordered = secrets
    .filter((secret): secret is string => typeof secret === "string" && secret.length >= 4)
    .sort((a, b) => b.length - a.length);
  for (const secret of ordered) {
    if (/^\d+$/.test(secret)) {
      result = result.replace(new RegExp(`(?<!\\d)${secret}(?!\\d)`, "g"), REDACTED);
      continue;
    }
    result = result.split(secret).join(REDACTED);
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) result = result.split(encoded).join(REDACTED);
  }
  return result;
}

/** Longest piece of FleetUp's words kept in an error, a log line, health or a probe sample. */
export const UPSTREAM_TEXT_LIMIT = 500;

/** Credentials a server might echo that we never handed to it knowingly (another token, a header). */
const CREDENTIAL_PATTERNS: RegExp[] = [
  // A JWT: three base64url segments, the first a JSON header.
  /eyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/g,
  // "Bearer <anything>" and "token: <anything>" / "token=<anything>".
  /(\bBearer\s+)[^\s"',;)]+/gi,
  /(\b(?:token|secret|api[-_]?key|authorization|x-api-key)\b["']?\s*[:=]\s*["']?)[^\s"',;)]+/gi,
];

/**
 * FleetUp's words for the operator: an error body with whitespace collapsed, every known secret
 * (and anything shaped like a token or a credential header) replaced, cut to 500 characters.
 * Redaction runs before the cut, so a cut can never leave part of a secret behind.
 */
export function describeUpstreamBody(
  text: string,
  secrets: readonly (string | undefined)[],
): string | undefined {
  let clean = redactSecrets(text.replace(/\s+/g, " ").trim(), secrets);
  for (const pattern of CREDENTIAL_PATTERNS) {
    clean = clean.replace(pattern, (_match, prefix?: string) =>
      typeof prefix === "string" ? `${prefix}${REDACTED}` : REDACTED,
    );
  }
  if (clean === "") return undefined;
  return clean.length > UPSTREAM_TEXT_LIMIT ? `${clean.slice(0, UPSTREAM_TEXT_LIMIT - 1)}…` : clean;
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
