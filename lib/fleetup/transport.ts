import "server-only";
import {
  ExponentialBackoff,
  handleWhen,
  isTaskCancelledError,
  retry,
  timeout,
  TimeoutStrategy,
} from "cockatiel";
import { CircuitBreaker, type Admission } from "./breaker";
import { sleep, systemClock, type Clock } from "./clock";
import { DEFAULT_TUNING, type FleetUpConfig } from "./config";
import { dataRequest, tokenRequest, type HttpRequest } from "./endpoints";
import { readErrorEnvelope } from "./envelope";
import { describeNetworkError, describeUpstreamBody, FleetUpError, isFleetUpError } from "./errors";
import { RequestLimiter, type LimiterStats, type Priority } from "./limiter";
import { redactingLogger, silentLogger, type Logger } from "./logger";
import { TokenManager, type FetchedToken, type TokenStore } from "./token";

/**
 * The transport: everything about talking to FleetUp that is not about a particular endpoint.
 * HTTP and headers, the one request budget (this process's limiter, plus the deployment's shared
 * budget with Redis), the token, per-attempt timeouts, retries, the circuit breaker, and reading
 * an answer into data or an error that carries FleetUp's own words.
 */

export type TransportDeps = {
  /** Where the shared token lives (default: this process's memory). */
  tokenStore?: TokenStore;
  clock?: Clock;
  logger?: Logger;
  /** The HTTP client (default: global fetch); tests wrap it to record request starts. */
  fetch?: typeof fetch;
  /**
   * The budget shared with other instances (Redis), on top of this process's limiter: returns
   * how long to wait so starts across the deployment stay `intervalMs` apart, or throws when this
   * process must not call FleetUp for now (the call then fails as `not_sent`). `urgent` calls
   * (token, live positions) go ahead of the others queued across the deployment.
   */
  sharedBudget?: { reserve(intervalMs: number, urgent?: boolean): Promise<number> };
};

/** How the token is sent: `Authorization: Bearer <jwt>`, `Authorization: <jwt>`, or `token: <legacy>`. */
export type AuthForm = "bearer" | "bare" | "legacy";

/** One HTTP exchange as it happened. */
export type Exchange = { status: number; retryAfter: string | null; text: string };

/** An answer read: the data, or the error it is (with whether it says the token was refused). */
export type Answer =
  | { ok: true; status: number; body: unknown }
  | { ok: false; error: FleetUpError; tokenRejected: boolean };

export type TransportMetrics = {
  /** Upstream HTTP requests started, token requests included. */
  requests: number;
  /** Outcomes per path: HTTP status, "timeout" or "network". */
  outcomes: Record<string, Record<string, number>>;
  tokenRequests: number;
  /** Requests replayed once after a 401 with a fresh token. */
  replays: number;
  retries: number;
  rateLimited: number;
  breaker: { state: "closed" | "open" | "half_open"; opens: number };
  limiter: LimiterStats;
  /** The Authorization form in use (it changes once if FleetUp turns out to want the bare JWT). */
  authForm: AuthForm;
};

export type Transport = ReturnType<typeof createTransport>;

/** Retry-After as seconds or an HTTP date, in ms from now; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

/** A failure that means FleetUp is down for now (as opposed to FleetUp answering "no"). */
function isOutage(error: unknown): boolean {
  return (
    isFleetUpError(error) &&
    (error.kind === "timeout" ||
      (error.kind === "upstream" && !error.envelope && (error.status ?? 500) >= 500))
  );
}

/** How long the same failure of one endpoint stays out of the log after it was logged once. */
const REPEAT_LOG_AFTER_MS = 60_000;

export function createTransport(config: FleetUpConfig, deps: TransportDeps = {}) {
  if (config.authMode === "jwt" && !/^\d{1,15}$/.test(config.acctId)) {
    throw new RangeError("FleetUp's POST /token needs a numeric account id (FLEETUP_ACCT_ID)");
  }
  const clock = deps.clock ?? systemClock;
  const doFetch = deps.fetch ?? fetch;
  const retryTuning = config.retry ?? DEFAULT_TUNING.retry;
  const breakerTuning = config.breaker ?? DEFAULT_TUNING.breaker;
  const baseUrl = config.baseUrl.replace(/\/+$/, "");
  const marginMs = config.limiterMarginMs ?? DEFAULT_TUNING.limiterMarginMs;
  const sharedIntervalMs = 1000 / config.maxRequestsPerSecond + marginMs;
  const limiter = new RequestLimiter({
    maxRequestsPerSecond: config.maxRequestsPerSecond,
    marginMs,
    backoffInitialMs: config.rateLimitBackoff?.initialMs,
    backoffMaxMs: config.rateLimitBackoff?.maxMs,
    clock,
  });

  // The token manager comes first: the logger below redacts every token it has handed out.
  const tokens: TokenManager = new TokenManager({
    kind: config.authMode,
    store: deps.tokenStore,
    clock,
    fetchToken: () => fetchToken(),
    onRefresh: (token) =>
      log.info("FleetUp token obtained", {
        expiresInS: Math.round((token.expiresAt - token.obtainedAt) / 1000),
        expirySource: token.expirySource,
      }),
  });
  const secrets = () => [config.apiKey, config.secret, config.acctId, ...tokens.knownTokens()];
  const log = redactingLogger(deps.logger ?? silentLogger, secrets);

  const counters = {
    requests: 0,
    outcomes: {} as Record<string, Record<string, number>>,
    tokenRequests: 0,
    replays: 0,
    retries: 0,
    rateLimited: 0,
  };
  let authForm: AuthForm = config.authMode === "legacy" ? "legacy" : config.authPrefix;
  /** Tokens FleetUp has accepted at least once: a 401 on one of those means it expired. */
  const acceptedTokens = new Set<string>();
  const lastLogged = new Map<string, { text: string; at: number }>();

  const fail = (options: ConstructorParameters<typeof FleetUpError>[0]) =>
    new FleetUpError({ ...options, secrets: secrets() });

  const countOutcome = (path: string, outcome: string) => {
    const byOutcome = (counters.outcomes[path] ??= {});
    byOutcome[outcome] = (byOutcome[outcome] ?? 0) + 1;
  };

  // --- Resilience ---------------------------------------------------------------------------

  const attemptTimeout = timeout(config.timeoutMs, TimeoutStrategy.Aggressive);

  const breaker = new CircuitBreaker({
    consecutiveFailures: breakerTuning.consecutiveFailures,
    halfOpenAfterMs: breakerTuning.halfOpenAfterMs,
    clock,
    onOpen: () =>
      log.error("FleetUp circuit breaker opened: FleetUp looks down; one trial call per interval", {
        halfOpenAfterMs: breakerTuning.halfOpenAfterMs,
      }),
    onClose: () => log.info("FleetUp circuit breaker closed: FleetUp answers again"),
  });

  const retryPolicy = retry(
    handleWhen((error) => isFleetUpError(error) && error.retryable),
    {
      maxAttempts: Math.max(0, retryTuning.maxAttempts - 1),
      backoff: new ExponentialBackoff({
        initialDelay: retryTuning.initialDelayMs,
        maxDelay: retryTuning.maxDelayMs,
      }),
    },
  );
  retryPolicy.onRetry((event) => {
    counters.retries += 1;
    const error = "error" in event ? event.error : undefined;
    log.warn("FleetUp call failed; retrying", {
      attempt: event.attempt,
      delayMs: Math.round(event.delay),
      kind: isFleetUpError(error) ? error.kind : "unknown",
      status: isFleetUpError(error) ? error.status : undefined,
      endpoint: isFleetUpError(error) ? error.endpoint : undefined,
    });
  });

  // --- One HTTP exchange --------------------------------------------------------------------

  function headersFor(request: HttpRequest, token?: string, form: AuthForm = authForm) {
    const headers: Record<string, string> = {
      "x-api-key": config.apiKey,
      accept: "application/json",
    };
    if (request.body !== undefined) headers["content-type"] = "application/json";
    if (token !== undefined) {
      if (form === "legacy") headers.token = token;
      else headers.authorization = form === "bearer" ? `Bearer ${token}` : token;
    }
    return headers;
  }

  /** The caller gave up (an instance that stopped polling): nothing more is sent for it. */
  const cancelled = (path: string) =>
    fail({ kind: "not_sent", endpoint: path, detail: "cancelled", retryable: false });

  async function reserveShared(path: string, priority: Priority): Promise<number> {
    try {
      const urgent = priority === "critical" || priority === "live";
      return (await deps.sharedBudget?.reserve(sharedIntervalMs, urgent)) ?? 0;
    } catch {
      throw fail({
        kind: "not_sent",
        endpoint: path,
        detail: "held back: the deployment's shared request budget cannot be reached",
        retryable: false,
      });
    }
  }

  /**
   * One request through the budget and under the timeout, no retries: the status and the body as
   * text, or a FleetUpError for a timeout or a network failure. `credential` overrides the token
   * and its form (the probe tries both forms). An aborted `signal` stops the call wherever it is:
   * in the queue, waiting for its slot, or under way.
   */
  async function exchange(
    path: string,
    request: HttpRequest,
    priority: Priority,
    credential?: { token: string; form?: AuthForm },
    signal?: AbortSignal,
  ): Promise<Exchange> {
    const headers = headersFor(request, credential?.token, credential?.form);
    const url = new URL(baseUrl + path);
    for (const [key, value] of Object.entries(request.query ?? {})) {
      url.searchParams.set(key, value);
    }
    await limiter.acquire(priority, signal);
    if (signal?.aborted) throw cancelled(path);
    const sharedWait = await reserveShared(path, priority);
    if (sharedWait > 0) await sleep(clock, sharedWait);
    if (signal?.aborted) throw cancelled(path);
    counters.requests += 1;
    let timedOut = false;
    let settled = false;
    try {
      return await attemptTimeout.execute(async ({ signal }) => {
        // cockatiel also aborts the signal after the function settles; only an earlier abort
        // is the timeout.
        signal.addEventListener("abort", () => (timedOut ||= !settled), { once: true });
        try {
          const response = await doFetch(url, {
            method: request.method,
            headers,
            body: request.body === undefined ? undefined : JSON.stringify(request.body),
            signal,
          });
          const text = await response.text();
          return { status: response.status, retryAfter: response.headers.get("retry-after"), text };
        } finally {
          settled = true;
        }
      }, signal);
    } catch (error) {
      if (signal?.aborted) throw cancelled(path);
      // The aborted fetch may reject before cockatiel's own TaskCancelledError does.
      if (isTaskCancelledError(error) || timedOut) {
        countOutcome(path, "timeout");
        throw fail({
          kind: "timeout",
          endpoint: path,
          detail: `no answer within ${config.timeoutMs} ms`,
        });
      }
      countOutcome(path, "network");
      throw fail({ kind: "upstream", endpoint: path, detail: describeNetworkError(error) });
    }
  }

  /**
   * Reads an exchange: 2xx JSON (204 or no body → undefined) is data unless it is an error
   * envelope; anything else is an error carrying FleetUp's words. A 429 pauses the limiter.
   */
  function interpret(path: string, result: Exchange): Answer {
    countOutcome(path, String(result.status));
    const upstream = () => describeUpstreamBody(result.text, secrets());
    const retryAfterMs = parseRetryAfter(result.retryAfter, clock.now());
    if (result.status === 429) {
      counters.rateLimited += 1;
      const pause = limiter.onRateLimited(retryAfterMs);
      log.warn("FleetUp answered 429; pausing every call", {
        endpoint: path,
        pauseMs: Math.round(pause),
        retryAfter: retryAfterMs !== undefined,
      });
      const error = fail({
        kind: "rate_limited",
        endpoint: path,
        status: 429,
        retryAfterMs,
        upstream: upstream(),
      });
      return { ok: false, error, tokenRejected: false };
    }
    limiter.onAccepted();
    if (result.status < 200 || result.status >= 300) {
      const kind = result.status === 401 || result.status === 403 ? "auth" : "upstream";
      const error = fail({
        kind,
        endpoint: path,
        status: result.status,
        retryAfterMs,
        upstream: upstream(),
      });
      return { ok: false, error, tokenRejected: result.status === 401 };
    }
    if (result.status === 204 || result.text.trim() === "") {
      return { ok: true, status: result.status, body: undefined };
    }
    let body: unknown;
    try {
      body = JSON.parse(result.text);
    } catch {
      // A truncated body is usually a transport hiccup: worth one more try.
      const error = fail({
        kind: "bad_payload",
        endpoint: path,
        status: result.status,
        detail: "response is not valid JSON",
        retryable: true,
      });
      return { ok: false, error, tokenRejected: false };
    }
    const envelope = readErrorEnvelope(body);
    if (envelope) {
      const error = fail({
        kind: envelope.tokenRejected || envelope.status === 403 ? "auth" : "upstream",
        endpoint: path,
        status: envelope.status,
        envelope: true,
        detail: envelope.status === undefined ? "an error instead of data" : undefined,
        upstream: upstream(),
        retryable: false,
      });
      return { ok: false, error, tokenRejected: envelope.tokenRejected };
    }
    return { ok: true, status: result.status, body };
  }

  async function fetchToken(): Promise<FetchedToken> {
    counters.tokenRequests += 1;
    const answer = interpret("/token", await exchange("/token", tokenRequest(config), "critical"));
    if (!answer.ok) throw answer.error;
    const token = readTokenReply(answer.body);
    if (!token) {
      throw fail({ kind: "bad_payload", endpoint: "/token", detail: "no token in the response" });
    }
    return token;
  }

  function logFailure(error: FleetUpError) {
    const text = error.message;
    const now = clock.now();
    const previous = lastLogged.get(error.endpoint);
    if (previous && previous.text === text && now - previous.at < REPEAT_LOG_AFTER_MS) return;
    lastLogged.set(error.endpoint, { text, at: now });
    log.warn("FleetUp call failed", {
      endpoint: error.endpoint,
      kind: error.kind,
      status: error.status,
      envelope: error.envelope || undefined,
      upstream: error.upstream,
      error: error.upstream === undefined ? error.message : undefined,
    });
  }

  /**
   * One logical data call: token, budget, timeout, one refresh-and-replay on a refused token,
   * the bare-token fallback, retries and the breaker. Resolves with the data or throws a
   * FleetUpError.
   */
  async function call(
    path: string,
    body: Record<string, unknown>,
    priority: Priority,
    signal?: AbortSignal,
  ): Promise<{ status: number; body: unknown }> {
    const request = dataRequest(config, body);
    let replayed = false;
    let triedBare = false;
    const attempt = async () => {
      if (signal?.aborted) throw cancelled(path);
      let token = await tokens.get();
      for (;;) {
        let answer = interpret(path, await exchange(path, request, priority, { token }, signal));
        if (answer.ok) {
          acceptedTokens.add(token);
          return { status: answer.status, body: answer.body };
        }
        if (!answer.tokenRejected) throw answer.error;
        // FleetUp refused a token it never accepted: perhaps it wants the bare JWT (GAPS A1).
        if (authForm === "bearer" && !triedBare && !acceptedTokens.has(token)) {
          triedBare = true;
          answer = interpret(
            path,
            await exchange(path, request, priority, { token, form: "bare" }, signal),
          );
          if (answer.ok || !answer.tokenRejected) {
            authForm = "bare";
            acceptedTokens.add(token);
            log.warn(
              "FleetUp refused 'Authorization: Bearer <token>' and accepted the bare token; sending it bare from now on (set FLEETUP_AUTH_PREFIX=bare)",
              { endpoint: path },
            );
            if (!answer.ok) throw answer.error;
            return { status: answer.status, body: answer.body };
          }
        }
        if (replayed) throw answer.error;
        replayed = true;
        counters.replays += 1;
        log.warn("FleetUp refused the token; refreshing it and replaying once", {
          endpoint: path,
        });
        token = await tokens.replaceRejected(token);
      }
    };
    const guarded = async () => {
      const admission: Admission = breaker.admit(priority);
      if (admission === "reject") {
        throw fail({ kind: "upstream", endpoint: path, detail: "circuit open", retryable: false });
      }
      try {
        const result = await attempt();
        breaker.succeeded(admission);
        return result;
      } catch (error) {
        if (isOutage(error)) {
          breaker.failed(admission);
          // A failed trial is not retried: the next poll brings the next trial.
          if (admission === "trial" && isFleetUpError(error)) {
            throw fail({
              kind: error.kind,
              endpoint: error.endpoint,
              status: error.status,
              detail: "trial call while the circuit is open",
              upstream: error.upstream,
              retryable: false,
            });
          }
        } else if (isFleetUpError(error) && error.kind !== "not_sent") {
          breaker.succeeded(admission);
        } else breaker.released(admission);
        throw error;
      }
    };
    try {
      return await retryPolicy.execute(guarded);
    } catch (error) {
      if (isFleetUpError(error)) {
        if (!signal?.aborted) logFailure(error);
        throw error;
      }
      // Anything else is our bug or an unexpected library error; never pass its text through.
      log.error("FleetUp call failed unexpectedly", { endpoint: path });
      throw fail({ kind: "upstream", endpoint: path, detail: "unexpected error" });
    }
  }

  return {
    config,
    clock,
    log,
    tokens,
    /** Every secret and token this transport knows, for redaction. */
    secrets,
    exchange,
    interpret,
    call,
    fail,
    authForm: () => authForm,
    metrics: (): TransportMetrics => ({
      requests: counters.requests,
      outcomes: structuredClone(counters.outcomes),
      tokenRequests: counters.tokenRequests,
      replays: counters.replays,
      retries: counters.retries,
      rateLimited: counters.rateLimited,
      breaker: { state: breaker.state, opens: breaker.opens },
      limiter: limiter.stats(),
      authForm,
    }),
  };
}

/** The token in a token reply: `token` (or `access_token`), at the top or under `data`. */
export function readTokenReply(body: unknown): FetchedToken | undefined {
  const source =
    body && typeof body === "object" && "data" in body && typeof body.data === "object"
      ? (body.data as Record<string, unknown>)
      : (body as Record<string, unknown> | undefined);
  const token = source?.token ?? source?.access_token;
  if (typeof token !== "string" || token.trim() === "") return undefined;
  return { token: token.trim(), expireTime: source?.expireTime ?? source?.expiresAt };
}
