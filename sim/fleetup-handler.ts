import type { IncomingMessage, ServerResponse } from "node:http";
import { listKeyOf } from "./assumptions";
import type { TokenAuthority } from "./auth";
import type { SimConfig } from "./config";
import { malformRecords, truncateJson } from "./faults";
import type { World } from "./fleet";
import { isRecord, joinJson, sleep, writeJson, type ParsedBody } from "./http";
import type { Rng } from "./random";
import { admitRequest } from "./rate-limit";
import { HttpError, type Row } from "./request-fields";
import { ROUTES, type RouteResult } from "./routes";
import type { RequestStats } from "./stats";

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

/**
 * Everything on a FleetUp path, in the order a real gateway and backend would apply it:
 * latency → outage → 429 storm → api key → rate limit → hang → error rate → route (token,
 * method, body, acctId). Every request is counted by path and outcome.
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
    const config = this.deps.config();
    const path = url.pathname;
    const send: Send = (status, body, headers = {}) => {
      stats.record(path, status);
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
    const { faults } = config;

    if (faults.latencyMs > 0) await sleep(faults.latencyMs);
    if (faults.outage) {
      if (faults.outageMode === "503") return send(503, { message: "Service Unavailable" });
      stats.record(path, "refused");
      req.socket.destroy();
      return;
    }
    if (faults.storm429) return tooMany(1);
    const apiKey = req.headers["x-api-key"];
    if (apiKey !== this.deps.credentials.apiKey) return send(401, { message: "Invalid API key" });
    const decision = admitRequest(this.lastAccepted, apiKey, performance.now(), config.rateLimit);
    if (!decision.admitted) return tooMany(decision.retryAfterSeconds);
    if (faultRng.chance(faults.hangRate)) {
      stats.record(path, "hung");
      this.pending.add(res);
      res.once("close", () => this.pending.delete(res));
      return;
    }
    if (faultRng.chance(faults.errorRate)) {
      return send(faults.errorStatus, { message: "Internal Server Error" });
    }
    this.deps.sync();
    try {
      if (path === "/token") return this.token(req.method ?? "GET", url, parsed, send);
      this.data(req, path, parsed, config, send);
    } catch (error) {
      if (error instanceof HttpError) return send(error.status, { message: error.message });
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
  ) {
    const route = ROUTES[path];
    if (!route) return send(404, { message: `Not Found: ${path}` });
    if (req.method !== "POST")
      return send(405, { message: `Method Not Allowed: use POST ${path}` });
    const ttl = config.faults.tokenTtlSeconds ?? undefined;
    const check = this.deps.auth.check(req.headers, config.tokenPrefix, ttl);
    if (!check.ok) return send(401, { message: check.message });
    if (parsed.kind !== "json" || !isRecord(parsed.value)) {
      return send(400, { message: "Invalid Request: the body must be a JSON object with acctId" });
    }
    const acctId = parsed.value.acctId;
    if (acctId === undefined || acctId === "") return send(400, { message: "acctId is required" });
    if (String(acctId) !== this.deps.credentials.acctId) {
      return send(403, { message: "No permission for this acctId" });
    }
    const result = route({ body: parsed.value, world: this.deps.world, config });
    if (result.kind === "object") {
      return send(200, config.wrapper === "data" ? { data: result.body } : result.body);
    }
    const body = this.listBody(path, result, config);
    send(body === undefined ? 204 : 200, body);
  }

  private token(method: string, url: URL, parsed: ParsedBody, send: Send) {
    const { auth } = this.deps;
    if (method !== "POST" && method !== "GET") return send(405, { message: "Method Not Allowed" });
    if (method === "POST" && parsed.kind === "invalid") {
      return send(400, { message: "Invalid Request: malformed JSON body" });
    }
    const fromBody =
      method === "POST" && parsed.kind === "json" && isRecord(parsed.value) ? parsed.value : {};
    // GAPS A2: POST /token takes a JSON body; query parameters are accepted too.
    const acctId = fromBody.acctId ?? url.searchParams.get("acctId");
    const secret = fromBody.secret ?? url.searchParams.get("secret");
    if (acctId === null || acctId === undefined || secret === null || secret === undefined) {
      return send(400, { message: "Invalid Request: acctId and secret are required" });
    }
    if (!auth.credentialsMatch(String(acctId), String(secret))) {
      return send(401, { message: "Invalid acctId or secret" });
    }
    send(200, method === "POST" ? { token: auth.issueJwt() } : auth.issueLegacy());
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
      let records: Row[] = result.records();
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
