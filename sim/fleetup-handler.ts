import type { IncomingMessage, ServerResponse } from "node:http";
import { GEOFENCE_PATHS, listKeyOf } from "./assumptions";
import type { TokenAuthority } from "./auth";
import type { SimConfig } from "./config";
import { malformRecords, truncateJson } from "./faults";
import type { World } from "./fleet";
import { isRecord, joinJson, sleep, writeJson, type ParsedBody } from "./http";
import type { Rng } from "./random";
import { admitRequest } from "./rate-limit";
import { HttpError } from "./request-fields";
import { ROUTES, type RouteResult } from "./routes";
import { arrivalTime, type RequestStats } from "./stats";

type Deps = {
  credentials: { apiKey: string; acctId: string };
  world: World;
  stats: RequestStats;
  auth: TokenAuthority;
  config: () => SimConfig;
  /** Brings the world up to the simulated clock. */
  sync: () => void;
  faultRng: Rng;
};
type Send = (status: number, body: unknown, headers?: Record<string, string>) => void;
/** An error of FleetUp's backend (not its gateway): an HTTP status, or `{code, msg}` with 200. */
type Fail = (status: number, message: string) => void;

/** FleetUp's names for its error statuses (README §5). */
const STATUS_NAMES: Record<number, string> = {
  400: "Invalid Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  422: "Unprocessable Entity",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

/** With enterprise credentials only these answer (README §3.1). */
const ENTERPRISE_PATHS = /^\/(devices|gpsdata)(\/|$)/;

/**
 * Everything on a FleetUp path, in the order a real gateway and backend would apply it:
 * latency → outage → 429 storm → api key → rate limit → hang → error rate → route (token,
 * method, body, acctId). Every request is counted by path and outcome. The gateway's refusals
 * (outage, 429, api key, unknown path) are always HTTP statuses; the backend's may come as 200
 * with a `{code, msg}` envelope (the errorEnvelope variant).
 */
export class FleetUpHandler {
  private readonly lastAccepted = new Map<string, number>();
  private readonly cache = new Map<string, Buffer>();
  private cacheVersion = -1;
  /** Hung requests, destroyed when the simulator closes (or when the client gives up). */
  private readonly pending = new Set<ServerResponse>();

  constructor(private readonly deps: Deps) {}

  resetRateLimit() {
    this.lastAccepted.clear();
  }

  clearCache() {
    this.cache.clear();
  }

  /**
   * Builds the latest-positions body ahead of the next poll (called after each tick), so even
   * the first poll after a step of a 50,000-vehicle world is answered from the cache.
   */
  prime() {
    const config = this.deps.config();
    if (config.faults.malformedRate > 0) return;
    const path = "/gpsdata/device-last-location";
    const result = ROUTES[path]!({ body: {}, world: this.deps.world, config });
    if (result.kind === "list") this.listBody(path, result, config);
  }

  destroyPending() {
    for (const res of this.pending) res.destroy();
    this.pending.clear();
  }

  async handle(req: IncomingMessage, res: ServerResponse, url: URL, parsed: ParsedBody) {
    const { stats, faultRng } = this.deps;
    const arrivedAt = arrivalTime();
    const config = this.deps.config();
    const path = url.pathname;
    const send: Send = (status, body, headers = {}) => {
      stats.record(path, status, arrivedAt);
      const payload =
        body === undefined || typeof body === "string" || Buffer.isBuffer(body)
          ? body
          : JSON.stringify(body);
      const cut =
        status === 200 && payload !== undefined && faultRng.chance(config.faults.truncatedJsonRate);
      writeJson(res, status, cut ? truncateJson(payload.toString(), faultRng) : payload, headers);
    };
    const tooMany = (retryAfterSeconds: number) => {
      const headers: Record<string, string> = config.rateLimit.retryAfter
        ? { "retry-after": String(retryAfterSeconds) }
        : {};
      send(429, { message: "Too Many Requests" }, headers);
    };
    const fail: Fail = (status, message) =>
      config.errorEnvelope ? send(200, { code: status, msg: message }) : send(status, { message });
    const { faults } = config;

    if (faults.latencyMs > 0) await sleep(faults.latencyMs);
    if (faults.outage) {
      if (faults.outageMode === "503") return send(503, { message: "Service Unavailable" });
      stats.record(path, "refused", arrivedAt);
      req.socket.destroy();
      return;
    }
    if (faults.storm429) return tooMany(1);
    const apiKey = req.headers["x-api-key"];
    if (apiKey !== this.deps.credentials.apiKey) return send(401, { message: "Invalid API key" });
    const decision = admitRequest(this.lastAccepted, apiKey, performance.now(), config.rateLimit);
    if (!decision.admitted) return tooMany(decision.retryAfterSeconds);
    if (faultRng.chance(faults.hangRate)) {
      stats.record(path, "hung", arrivedAt);
      this.pending.add(res);
      res.once("close", () => this.pending.delete(res));
      return;
    }
    if (faultRng.chance(faults.errorRate)) {
      return fail(faults.errorStatus, faultMessage(faults.errorStatus, req, path, parsed));
    }
    this.deps.sync();
    try {
      if (path === "/token") return this.token(req.method ?? "GET", url, parsed, send, fail);
      this.data(req, path, parsed, config, send, fail);
    } catch (error) {
      if (error instanceof HttpError) return fail(error.status, error.message);
      send(500, { message: "simulator error" });
      throw error;
    }
  }

  private data(
    req: IncomingMessage,
    path: string,
    parsed: ParsedBody,
    config: SimConfig,
    send: Send,
    fail: Fail,
  ) {
    const geofence = path === GEOFENCE_PATHS.list || path === GEOFENCE_PATHS.detail;
    const route = geofence && !config.geofencePaths ? undefined : ROUTES[path];
    if (!route) return send(404, { message: `Not Found: ${path}` });
    if (req.method !== "POST") return fail(405, `Method Not Allowed: use POST ${path}`);
    const ttl = config.faults.tokenTtlSeconds ?? undefined;
    const check = this.deps.auth.check(req.headers, config.tokenPrefix, ttl);
    if (!check.ok) return fail(401, check.message);
    if (config.enterprise && !ENTERPRISE_PATHS.test(path)) {
      return fail(403, "Forbidden: enterprise credentials may call only /devices and /gpsdata");
    }
    if (parsed.kind !== "json" || !isRecord(parsed.value)) {
      return fail(400, "Invalid Request: the body must be a JSON object with acctId");
    }
    const acctId = parsed.value.acctId;
    if (acctId === undefined || acctId === "") return fail(400, "acctId is required");
    if (String(acctId) !== this.deps.credentials.acctId) {
      return fail(403, "No permission for this acctId");
    }
    const result = route({ body: parsed.value, world: this.deps.world, config });
    if (result.kind === "object") {
      return send(200, config.wrapper === "data" ? { data: result.body } : result.body);
    }
    const body = this.listBody(path, result, config);
    send(body === undefined ? 204 : 200, body);
  }

  private token(method: string, url: URL, parsed: ParsedBody, send: Send, fail: Fail) {
    const { auth } = this.deps;
    if (method === "GET") {
      // The legacy token: query parameters, as the observed clients send them.
      const acctId = url.searchParams.get("acctId");
      const secret = url.searchParams.get("secret");
      if (acctId === null || secret === null) {
        return fail(400, "Invalid Request: acctId and secret are required");
      }
      if (!auth.credentialsMatch(acctId, secret)) return fail(401, "Invalid acctId or secret");
      return send(200, auth.issueLegacy());
    }
    if (method !== "POST") return fail(405, "Method Not Allowed");
    // POST /token as documented (auth.md): a JSON body whose acctId is a number. A strict
    // server refuses anything else with 400, the string form included.
    if (parsed.kind !== "json" || !isRecord(parsed.value)) {
      return fail(400, 'Invalid Request: the body must be JSON: {"acctId": <number>, "secret"}');
    }
    const { acctId, secret } = parsed.value;
    if (acctId === undefined || secret === undefined) {
      return fail(400, "Invalid Request: acctId and secret are required");
    }
    if (typeof acctId !== "number" || !Number.isInteger(acctId)) {
      return fail(400, `Invalid Request: acctId must be a number, not ${typeName(acctId)}`);
    }
    if (typeof secret !== "string") return fail(400, "Invalid Request: secret must be a string");
    if (!auth.credentialsMatch(String(acctId), secret)) {
      return fail(401, "Invalid acctId or secret");
    }
    send(200, { token: auth.issueJwt() });
  }

  /**
   * A list in the current wrapper variant, damaged when the faults say so; undefined means 204.
   * Undamaged lists with a cache key are kept until the world steps or the config changes.
   */
  private listBody(
    path: string,
    result: Extract<RouteResult, { kind: "list" }>,
    config: SimConfig,
  ) {
    const { world, faultRng } = this.deps;
    const damaging = config.faults.malformedRate > 0;
    if (this.cacheVersion !== world.version) {
      this.cache.clear();
      this.cacheVersion = world.version;
    }
    const key =
      result.cacheKey && !damaging
        ? `${result.cacheKey}|${config.wrapper}|${config.coords}`
        : undefined;
    const cached = key ? this.cache.get(key) : undefined;
    if (cached !== undefined) return cached;
    let body: Buffer;
    const listKey = JSON.stringify(listKeyOf(path));
    if (result.recordJson && !damaging) {
      const parts = result.recordJson();
      if (parts.length === 0 && config.emptyList === "204") return undefined;
      body =
        config.wrapper === "data"
          ? joinJson(`{${listKey}:[`, parts, "]}")
          : joinJson("[", parts, "]");
    } else {
      let records = result.records();
      if (damaging) records = malformRecords(records, config.faults, faultRng);
      if (records.length === 0 && config.emptyList === "204") return undefined;
      body = Buffer.from(
        JSON.stringify(config.wrapper === "data" ? { [listKeyOf(path)]: records } : records),
      );
    }
    if (key) this.cache.set(key, body);
    return body;
  }
}

function typeName(value: unknown): string {
  return value === null ? "null" : Array.isArray(value) ? "an array" : `a ${typeof value}`;
}

/**
 * The error fault's message. It echoes the request's account id and credentials, as a careless
 * server might, so the product's redaction of FleetUp's words is tested against the worst case.
 */
function faultMessage(status: number, req: IncomingMessage, path: string, parsed: ParsedBody) {
  const acctId =
    parsed.kind === "json" && isRecord(parsed.value) ? String(parsed.value.acctId) : "none";
  const credential = req.headers.authorization ?? req.headers.token ?? "none";
  return (
    `${STATUS_NAMES[status] ?? "Error"}: simulated fault on ${path} ` +
    `(acctId ${acctId}, x-api-key ${String(req.headers["x-api-key"])}, credential ${String(credential)})`
  );
}
