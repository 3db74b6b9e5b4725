import "server-only";
import {
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  circuitBreaker,
  handleWhen,
  isBrokenCircuitError,
  isTaskCancelledError,
  retry,
  timeout,
  TimeoutStrategy,
} from "cockatiel";
import type { Alert, Device, DropReason, Fence, FenceRef, Position, Trip } from "../fleet/types";
import { sleep, systemClock, type Clock } from "./clock";
import { DEFAULT_TUNING, type FleetUpConfig } from "./config";
import { describeNetworkError, FleetUpError, isFleetUpError } from "./errors";
import { RequestLimiter, type LimiterStats, type Priority } from "./limiter";
import { redactingLogger, silentLogger, type Logger } from "./logger";
import { toCompactDate, toCompactDateTime } from "./parse-values";
import {
  parsers,
  PayloadShapeError,
  toFence,
  type FenceEntry,
  type ParseResult,
  type ParserName,
} from "./parsers";
import { TokenManager, type FetchedToken, type TokenStore } from "./token";

/** The FleetUp endpoints the adapter calls, by the name used in metrics and the probe. */
export type EndpointName =
  | "devices"
  | "deviceLastLocation"
  | "latestGps"
  | "gpsHistory"
  | "ongoingTrips"
  | "tripHistory"
  | "alerts"
  | "deviceAlerts"
  | "fenceAlerts"
  | "fenceNames"
  | "fences"
  | "fenceDetail";

type EndpointSpec = { path: string; parser: ParserName; priority: Priority };

function endpointsFor(config: FleetUpConfig): Record<EndpointName, EndpointSpec> {
  return {
    devices: { path: "/devices", parser: "devices", priority: "background" },
    deviceLastLocation: {
      path: "/gpsdata/device-last-location",
      parser: "deviceLastLocation",
      priority: "live",
    },
    latestGps: { path: "/gpsdata/latest", parser: "latestGps", priority: "live" },
    gpsHistory: { path: "/gpsdata", parser: "gpsHistory", priority: "normal" },
    ongoingTrips: { path: "/trips/ongoing-trips", parser: "ongoingTrips", priority: "normal" },
    tripHistory: { path: "/trips/history", parser: "tripHistory", priority: "normal" },
    alerts: { path: "/alerts/bulk-history", parser: "alerts", priority: "normal" },
    deviceAlerts: { path: "/alerts/history", parser: "alerts", priority: "normal" },
    fenceAlerts: {
      path: "/fencealerts/geo-fencealerts",
      parser: "fenceAlerts",
      priority: "normal",
    },
    fenceNames: { path: "/fencealerts/fence-names", parser: "fenceNames", priority: "background" },
    fences: { path: config.fencesPath, parser: "fences", priority: "background" },
    fenceDetail: { path: config.fenceDetailPath, parser: "fenceDetail", priority: "background" },
  };
}

export type FleetUpDeps = {
  /** Where the shared token lives (default: this process's memory). */
  tokenStore?: TokenStore;
  clock?: Clock;
  logger?: Logger;
  /** The HTTP client (default: global fetch); tests wrap it to record request starts. */
  fetch?: typeof fetch;
  /**
   * The budget shared with other instances (Redis), on top of this process's limiter: returns
   * how long to wait so starts across the deployment stay `intervalMs` apart.
   */
  sharedBudget?: { reserve(intervalMs: number): Promise<number> };
};

export type TimeWindow = { from?: number; to?: number };

/** One raw call, as the probe sees it. */
export type RawCallResult = {
  endpoint: EndpointName;
  path: string;
  status: number;
  body: unknown;
  parsed: ParseResult<unknown>;
};

export type FleetUpMetrics = {
  /** Upstream HTTP requests started, token requests included. */
  requests: number;
  /** Outcomes per path: HTTP status, "timeout" or "network". */
  outcomes: Record<string, Record<string, number>>;
  tokenRequests: number;
  /** Requests replayed once after a 401 with a fresh token. */
  replays: number;
  retries: number;
  rateLimited: number;
  breaker: { state: "closed" | "open" | "half_open" | "isolated"; opens: number };
  limiter: LimiterStats;
  /** Records received and kept per endpoint. */
  records: Partial<Record<EndpointName, { received: number; kept: number }>>;
  dropped: Partial<Record<EndpointName, Partial<Record<DropReason, number>>>>;
  /** Fields FleetUp sent that no parser reads, per endpoint (for the probe and operators). */
  unknownFields: Partial<Record<EndpointName, string[]>>;
  /** The positions endpoint in use (decided by config or by the first successful call). */
  positionsEndpoint?: "device-last-location" | "latest";
};

export type FleetUpClient = {
  /** The account's devices (names, plates). Background priority. */
  getDevices(): Promise<Device[]>;
  /** The latest fix of every device. Live priority. */
  getLatestPositions(): Promise<Position[]>;
  /** Trips in progress. */
  getOngoingTrips(): Promise<Trip[]>;
  /** Completed trips of one device; the window is clamped to FleetUp's 30 days (default: last 7 days). */
  getTripHistory(deviceId: string, window?: TimeWindow): Promise<Trip[]>;
  /** Alerts of the given devices since `since` (epoch ms), at most the last 24 h per call. */
  getAlertsSince(since: number, deviceIds: readonly string[]): Promise<Alert[]>;
  /** Alerts of one device in a window (default and maximum: the last 24 h). */
  getDeviceAlerts(deviceId: string, window?: TimeWindow): Promise<Alert[]>;
  /** Geofence visits of one device since `since` (epoch ms). */
  getFenceAlerts(deviceId: string, since: number): Promise<Alert[]>;
  /** Fence names (and ids when FleetUp sends them), no geometry. */
  getFenceNames(): Promise<FenceRef[]>;
  /** Fences with geometry: the list, plus one detail call per fence the list gives no shape for. */
  getFences(): Promise<Fence[]>;
  /** GPS points of one device, oldest first (default and maximum window: the last 24 h). */
  getGpsHistory(deviceId: string, window?: TimeWindow): Promise<Position[]>;
  /** One call with the raw body kept, for the probe. */
  rawCall(
    endpoint: EndpointName,
    body?: Record<string, unknown>,
    priority?: Priority,
  ): Promise<RawCallResult>;
  /** Counters for metrics and the probe. */
  metrics(): FleetUpMetrics;
  /** The endpoint paths in use. */
  readonly endpoints: Readonly<Record<EndpointName, { path: string }>>;
};

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Retry-After as seconds or an HTTP date, in ms from now; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

type HttpResult = { status: number; retryAfter: string | null; text: string };

/**
 * Builds an adapter for one FleetUp account. Every call passes one limiter (including token
 * calls and retries), runs under a per-attempt timeout, is retried with jittered exponential
 * back-off on network errors, timeouts, 5xx and 429, and stops at an open circuit breaker
 * while FleetUp is down.
 */
export function createFleetUpClient(config: FleetUpConfig, deps: FleetUpDeps = {}): FleetUpClient {
  const clock = deps.clock ?? systemClock;
  const doFetch = deps.fetch ?? fetch;
  const retryTuning = config.retry ?? DEFAULT_TUNING.retry;
  const breakerTuning = config.breaker ?? DEFAULT_TUNING.breaker;
  const endpoints = endpointsFor(config);
  const baseUrl = config.baseUrl.replace(/\/+$/, "");

  const sharedIntervalMs =
    1000 / config.maxRequestsPerSecond + (config.limiterMarginMs ?? DEFAULT_TUNING.limiterMarginMs);
  const limiter = new RequestLimiter({
    maxRequestsPerSecond: config.maxRequestsPerSecond,
    marginMs: config.limiterMarginMs ?? DEFAULT_TUNING.limiterMarginMs,
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
  const secrets = () => [config.apiKey, config.secret, ...tokens.knownTokens()];
  const log = redactingLogger(deps.logger ?? silentLogger, secrets);

  const metrics = {
    requests: 0,
    outcomes: {} as Record<string, Record<string, number>>,
    tokenRequests: 0,
    replays: 0,
    retries: 0,
    rateLimited: 0,
    breakerOpens: 0,
    records: {} as FleetUpMetrics["records"],
    dropped: {} as FleetUpMetrics["dropped"],
    unknownFields: {} as Record<string, Set<string>>,
  };
  let positionsChoice: FleetUpMetrics["positionsEndpoint"] =
    config.positionsEndpoint === "auto" ? undefined : config.positionsEndpoint;

  const fail = (options: ConstructorParameters<typeof FleetUpError>[0]) =>
    new FleetUpError({ ...options, secrets: secrets() });

  const countOutcome = (path: string, outcome: string) => {
    const byOutcome = (metrics.outcomes[path] ??= {});
    byOutcome[outcome] = (byOutcome[outcome] ?? 0) + 1;
  };

  // --- Resilience policies (cockatiel) ------------------------------------------------------

  const attemptTimeout = timeout(config.timeoutMs, TimeoutStrategy.Aggressive);

  const breaker = circuitBreaker(
    handleWhen(
      (error) =>
        isFleetUpError(error) &&
        (error.kind === "timeout" ||
          (error.kind === "upstream" && (error.status === undefined || error.status >= 500))),
    ),
    {
      halfOpenAfter: breakerTuning.halfOpenAfterMs,
      breaker: new ConsecutiveBreaker(breakerTuning.consecutiveFailures),
    },
  );
  breaker.onBreak(() => {
    metrics.breakerOpens += 1;
    log.error("FleetUp circuit breaker opened: FleetUp looks down; calls fail fast", {
      halfOpenAfterMs: breakerTuning.halfOpenAfterMs,
    });
  });
  breaker.onHalfOpen(() => log.info("FleetUp circuit breaker half-open: trying one call"));
  breaker.onReset(() => log.info("FleetUp circuit breaker closed: FleetUp answers again"));

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
    metrics.retries += 1;
    const error = "error" in event ? event.error : undefined;
    log.warn("FleetUp call failed; retrying", {
      attempt: event.attempt,
      delayMs: Math.round(event.delay),
      kind: isFleetUpError(error) ? error.kind : "unknown",
      status: isFleetUpError(error) ? error.status : undefined,
      endpoint: isFleetUpError(error) ? error.endpoint : undefined,
    });
  });

  // --- One HTTP exchange ------------------------------------------------------------------

  async function send(
    path: string,
    init: { method: "GET" | "POST"; body?: unknown; query?: Record<string, string> },
    priority: Priority,
    token: string | undefined,
  ): Promise<HttpResult> {
    const headers: Record<string, string> = {
      "x-api-key": config.apiKey,
      accept: "application/json",
    };
    if (init.body !== undefined) headers["content-type"] = "application/json";
    if (token !== undefined) {
      if (config.authMode === "legacy") headers.token = token;
      else headers.authorization = config.authPrefix === "bearer" ? `Bearer ${token}` : token;
    }
    const url = new URL(baseUrl + path);
    for (const [key, value] of Object.entries(init.query ?? {})) url.searchParams.set(key, value);

    await limiter.acquire(priority);
    const sharedWait = (await deps.sharedBudget?.reserve(sharedIntervalMs)) ?? 0;
    if (sharedWait > 0) await sleep(clock, sharedWait);
    metrics.requests += 1;
    let timedOut = false;
    let settled = false;
    try {
      return await attemptTimeout.execute(async ({ signal }) => {
        // cockatiel also aborts the signal after the function settles; only an earlier abort
        // is the timeout.
        signal.addEventListener("abort", () => (timedOut ||= !settled), { once: true });
        try {
          const response = await doFetch(url, {
            method: init.method,
            headers,
            body: init.body === undefined ? undefined : JSON.stringify(init.body),
            signal,
          });
          const text = await response.text();
          return { status: response.status, retryAfter: response.headers.get("retry-after"), text };
        } finally {
          settled = true;
        }
      });
    } catch (error) {
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

  /** Turns a non-2xx status into a typed error (after telling the limiter about 429s). */
  function check(path: string, result: HttpResult): void {
    countOutcome(path, String(result.status));
    if (result.status === 429) {
      metrics.rateLimited += 1;
      const retryAfterMs = parseRetryAfter(result.retryAfter, clock.now());
      const pause = limiter.onRateLimited(retryAfterMs);
      log.warn("FleetUp answered 429; pausing every call", {
        endpoint: path,
        pauseMs: Math.round(pause),
        retryAfter: retryAfterMs !== undefined,
      });
      throw fail({ kind: "rate_limited", endpoint: path, status: 429, retryAfterMs });
    }
    limiter.onAccepted();
    if (result.status >= 200 && result.status < 300) return;
    if (result.status === 401 || result.status === 403) {
      throw fail({ kind: "auth", endpoint: path, status: result.status });
    }
    throw fail({ kind: "upstream", endpoint: path, status: result.status });
  }

  function readJson(path: string, result: HttpResult): unknown {
    if (result.status === 204 || result.text.trim() === "") return undefined;
    try {
      return JSON.parse(result.text);
    } catch {
      // A truncated body is usually a transport hiccup: worth one more try.
      throw fail({
        kind: "bad_payload",
        endpoint: path,
        detail: "response is not valid JSON",
        retryable: true,
      });
    }
  }

  async function fetchToken(): Promise<FetchedToken> {
    metrics.tokenRequests += 1;
    const credentials = { acctId: config.acctId, secret: config.secret };
    const result =
      config.authMode === "jwt"
        ? await send("/token", { method: "POST", body: credentials }, "critical", undefined)
        : await send("/token", { method: "GET", query: credentials }, "critical", undefined);
    check("/token", result);
    const body = readJson("/token", result);
    const source =
      body && typeof body === "object" && "data" in body && typeof body.data === "object"
        ? (body.data as Record<string, unknown>)
        : (body as Record<string, unknown> | undefined);
    const token = source?.token ?? source?.access_token;
    if (typeof token !== "string" || token.trim() === "") {
      throw fail({ kind: "bad_payload", endpoint: "/token", detail: "no token in the response" });
    }
    return { token: token.trim(), expireTime: source?.expireTime ?? source?.expiresAt };
  }

  /** One logical call: token, budget, timeout, 401 refresh-and-replay once, retries, breaker. */
  async function call(
    path: string,
    body: Record<string, unknown>,
    priority: Priority,
  ): Promise<{ status: number; body: unknown }> {
    let replayed = false;
    const attempt = async () => {
      let token = await tokens.get();
      for (;;) {
        const result = await send(
          path,
          { method: "POST", body: { acctId: config.acctId, ...body } },
          priority,
          token,
        );
        if (result.status === 401 && !replayed) {
          countOutcome(path, "401");
          replayed = true;
          metrics.replays += 1;
          log.warn("FleetUp answered 401; refreshing the token and replaying once", {
            endpoint: path,
          });
          token = await tokens.replaceRejected(token);
          continue;
        }
        check(path, result);
        return { status: result.status, body: readJson(path, result) };
      }
    };
    try {
      return await retryPolicy.execute(() =>
        breaker.execute(attempt).catch((error: unknown) => {
          if (isBrokenCircuitError(error)) {
            throw fail({
              kind: "upstream",
              endpoint: path,
              detail: "circuit open",
              retryable: false,
            });
          }
          throw error;
        }),
      );
    } catch (error) {
      if (isFleetUpError(error)) throw error;
      // Anything else is our bug or an unexpected library error; never pass its text through.
      log.error("FleetUp call failed unexpectedly", { endpoint: path });
      throw fail({ kind: "upstream", endpoint: path, detail: "unexpected error" });
    }
  }

  function record<T>(name: EndpointName, result: ParseResult<T>): ParseResult<T> {
    const counts = (metrics.records[name] ??= { received: 0, kept: 0 });
    counts.received += result.received;
    counts.kept += result.records.length;
    const dropped = (metrics.dropped[name] ??= {});
    for (const [reason, count] of Object.entries(result.dropped) as Array<[DropReason, number]>) {
      dropped[reason] = (dropped[reason] ?? 0) + count;
    }
    const unknown = (metrics.unknownFields[name] ??= new Set());
    result.fieldsIgnored.forEach((field) => unknown.add(field));
    if (Object.keys(result.dropped).length > 0) {
      log.warn("FleetUp records dropped", {
        endpoint: name,
        received: result.received,
        kept: result.records.length,
        reasons: Object.entries(result.dropped)
          .map(([reason, count]) => `${reason}=${count}`)
          .join(","),
      });
    }
    return result;
  }

  async function rawCall(
    name: EndpointName,
    body: Record<string, unknown> = {},
    priority?: Priority,
    context: { deviceId?: string } = {},
  ): Promise<RawCallResult> {
    const spec = endpoints[name];
    const response = await call(spec.path, body, priority ?? spec.priority);
    let parsed: ParseResult<unknown>;
    try {
      parsed = parsers[spec.parser](response.body, {
        now: clock.now(),
        ...context,
      }) as ParseResult<unknown>;
    } catch (error) {
      if (error instanceof PayloadShapeError) {
        throw fail({
          kind: "bad_payload",
          endpoint: spec.path,
          status: response.status,
          detail: error.message,
        });
      }
      throw error;
    }
    record(name, parsed);
    return {
      endpoint: name,
      path: spec.path,
      status: response.status,
      body: response.body,
      parsed,
    };
  }

  async function list<T>(
    name: EndpointName,
    body: Record<string, unknown> = {},
    context: { deviceId?: string } = {},
  ): Promise<T[]> {
    return (await rawCall(name, body, undefined, context)).parsed.records as T[];
  }

  function window(requested: TimeWindow | undefined, defaultSpan: number, maxSpan: number) {
    const to = Math.min(requested?.to ?? clock.now(), clock.now());
    const from = Math.max(requested?.from ?? to - defaultSpan, to - maxSpan);
    return { from, to };
  }

  const positionsName = (choice: "device-last-location" | "latest"): EndpointName =>
    choice === "latest" ? "latestGps" : "deviceLastLocation";

  async function getLatestPositions(): Promise<Position[]> {
    if (positionsChoice) return list<Position>(positionsName(positionsChoice));
    try {
      const positions = await list<Position>("deviceLastLocation");
      positionsChoice = "device-last-location";
      return positions;
    } catch (error) {
      const unsupported =
        isFleetUpError(error) &&
        error.status !== undefined &&
        [403, 404, 405].includes(error.status);
      if (!unsupported) throw error;
      const positions = await list<Position>("latestGps");
      positionsChoice = "latest";
      log.info("FleetUp account has no device-last-location; using /gpsdata/latest", {
        status: error.status,
      });
      return positions;
    }
  }

  async function getFences(): Promise<Fence[]> {
    const entries = await list<FenceEntry>("fences");
    const fences: Fence[] = [];
    for (const entry of entries) {
      const fence = toFence(entry);
      if (fence) {
        fences.push(fence);
        continue;
      }
      try {
        const details = await list<FenceEntry>("fenceDetail", { fenceId: entry.id });
        const detail = details.find((candidate) => candidate.id === entry.id) ?? details[0];
        const withShape =
          detail && toFence({ ...detail, id: entry.id, name: detail.name ?? entry.name });
        if (withShape) fences.push(withShape);
        else record("fenceDetail", { ...emptyResult(), dropped: { missing_coordinates: 1 } });
      } catch (error) {
        // One vanished fence must not hide the others; everything else (auth, outage) propagates.
        if (isFleetUpError(error) && error.status === 404) continue;
        throw error;
      }
    }
    return fences;
  }

  return {
    endpoints,
    getDevices: () => list<Device>("devices"),
    getLatestPositions,
    getOngoingTrips: () => list<Trip>("ongoingTrips"),
    getTripHistory: (deviceId, requested) => {
      const { from, to } = window(requested, 7 * DAY, 30 * DAY - DAY);
      return list<Trip>(
        "tripHistory",
        {
          devId: deviceId,
          startDate: toCompactDate(from),
          endDate: toCompactDate(to),
          isDriverDetailsRequired: false,
          isTripScoreRequired: true,
        },
        { deviceId },
      );
    },
    getAlertsSince: async (since, deviceIds) => {
      if (deviceIds.length === 0) return [];
      const { from, to } = window({ from: since }, DAY, DAY);
      return list<Alert>("alerts", {
        devIds: [...deviceIds],
        startDate: toCompactDateTime(from),
        endDate: toCompactDateTime(to),
      });
    },
    getDeviceAlerts: (deviceId, requested) => {
      const { from, to } = window(requested, DAY, DAY);
      return list<Alert>(
        "deviceAlerts",
        { devId: deviceId, startDate: toCompactDateTime(from), endDate: toCompactDateTime(to) },
        { deviceId },
      );
    },
    getFenceAlerts: (deviceId, since) =>
      list<Alert>(
        "fenceAlerts",
        { devId: deviceId, startDate: toCompactDateTime(window({ from: since }, DAY, DAY).from) },
        { deviceId },
      ),
    getFenceNames: () => list<FenceRef>("fenceNames"),
    getFences,
    getGpsHistory: (deviceId, requested) => {
      const { from, to } = window(requested, DAY, DAY);
      return list<Position>(
        "gpsHistory",
        { devId: deviceId, startDate: toCompactDateTime(from), endDate: toCompactDateTime(to) },
        { deviceId },
      );
    },
    rawCall: (name, body, priority) => rawCall(name, body, priority ?? "background"),
    metrics: () => ({
      requests: metrics.requests,
      outcomes: structuredClone(metrics.outcomes),
      tokenRequests: metrics.tokenRequests,
      replays: metrics.replays,
      retries: metrics.retries,
      rateLimited: metrics.rateLimited,
      breaker: { state: breakerStateName(breaker.state), opens: metrics.breakerOpens },
      limiter: limiter.stats(),
      records: structuredClone(metrics.records),
      dropped: structuredClone(metrics.dropped),
      unknownFields: Object.fromEntries(
        Object.entries(metrics.unknownFields).map(([name, fields]) => [name, [...fields].sort()]),
      ),
      positionsEndpoint: positionsChoice,
    }),
  };
}

function emptyResult(): ParseResult<never> {
  return {
    records: [],
    received: 0,
    dropped: {},
    fieldsSeen: [],
    fieldsMapped: [],
    fieldsIgnored: [],
  };
}

function breakerStateName(state: CircuitState): FleetUpMetrics["breaker"]["state"] {
  switch (state) {
    case CircuitState.Open:
      return "open";
    case CircuitState.HalfOpen:
      return "half_open";
    case CircuitState.Isolated:
      return "isolated";
    default:
      return "closed";
  }
}
