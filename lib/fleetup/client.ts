import "server-only";
import type { Alert, Device, DropReason, Fence, FenceRef, Position, Trip } from "../fleet/types";
import type { FleetUpConfig } from "./config";
import { endpointsFor, requestBodies, type EndpointName, type EndpointSpec } from "./endpoints";
import { isFleetUpError } from "./errors";
import { FencesFileError, loadFencesFile, mergeFences, type NamedFence } from "./fences";
import type { Priority } from "./limiter";
import {
  parsers,
  PayloadShapeError,
  type FenceEntry,
  type FieldDrops,
  type ParseContext,
  type ParseResult,
} from "./parsers";
import {
  createTransport,
  type Transport,
  type TransportDeps,
  type TransportMetrics,
} from "./transport";

/**
 * The FleetUp client the product uses: one typed call per thing the dashboard needs, built from
 * the transport (HTTP, token, budget, retries), the endpoint definitions (paths and bodies) and
 * the parsers (FleetUp JSON into lib/fleet types).
 */

export type { EndpointName } from "./endpoints";
export type FleetUpDeps = TransportDeps;

export type TimeWindow = { from?: number; to?: number };

/**
 * For the poller's calls: aborting `signal` (the instance stopped polling) stops the call and
 * every call it would have made next (fence details, the other positions path).
 */
export type CallOptions = { signal?: AbortSignal };

/** One raw call, as the probe and tests see it. */
export type RawCallResult = {
  endpoint: EndpointName;
  path: string;
  status: number;
  body: unknown;
  parsed: ParseResult<unknown>;
};

export type FleetUpMetrics = TransportMetrics & {
  /** Records received and kept per endpoint. */
  records: Partial<Record<EndpointName, { received: number; kept: number }>>;
  /** Records dropped per endpoint, by reason. */
  dropped: Partial<Record<EndpointName, Partial<Record<DropReason, number>>>>;
  /** Fields left unknown in kept records, per endpoint, by FleetUp's field name and reason. */
  droppedFields: Partial<Record<EndpointName, FieldDrops>>;
  /** Fields FleetUp sent that no parser reads, per endpoint (for the probe and operators). */
  unknownFields: Partial<Record<EndpointName, string[]>>;
  /** The positions endpoint in use (decided by config or by the first successful call). */
  positionsEndpoint?: "device-last-location" | "latest";
};

export type FleetUpClient = {
  /** The account's devices (names, plates). Background priority. */
  getDevices(options?: CallOptions): Promise<Device[]>;
  /** The latest fix of every device. Live priority. */
  getLatestPositions(options?: CallOptions): Promise<Position[]>;
  /** Trips in progress. */
  getOngoingTrips(options?: CallOptions): Promise<Trip[]>;
  /** Completed trips of one device; the window is clamped to FleetUp's 30 days (default: last 7 days). */
  getTripHistory(deviceId: string, window?: TimeWindow): Promise<Trip[]>;
  /** Alerts of the given devices since `since` (epoch ms), at most the last 24 h per call. */
  getAlertsSince(
    since: number,
    deviceIds: readonly string[],
    options?: CallOptions,
  ): Promise<Alert[]>;
  /** Alerts of one device in a window (default and maximum: the last 24 h). */
  getDeviceAlerts(deviceId: string, window?: TimeWindow): Promise<Alert[]>;
  /** Geofence visits of one device since `since` (epoch ms). */
  getFenceAlerts(deviceId: string, since: number): Promise<Alert[]>;
  /** Fence names (and ids when FleetUp sends them), no geometry. */
  getFenceNames(): Promise<FenceRef[]>;
  /**
   * Every fence FleetUp names, with its shape when known (FleetUp's list and detail, or
   * FENCES_FILE), plus the file's other fences. The names come from /fencealerts/fence-names
   * when the geofence paths are unknown to this account.
   */
  getFences(options?: CallOptions): Promise<Fence[]>;
  /**
   * GPS points of one device, oldest first (default and maximum window: the last 24 h); normal
   * priority unless asked otherwise (history backfill asks at background priority).
   */
  getGpsHistory(deviceId: string, window?: TimeWindow, priority?: Priority): Promise<Position[]>;
  /** One call with the raw body kept, for tests. */
  rawCall(
    endpoint: EndpointName,
    body?: Record<string, unknown>,
    priority?: Priority,
  ): Promise<RawCallResult>;
  /** Counters for metrics, health and the probe. */
  metrics(): FleetUpMetrics;
  /** The endpoint paths in use. */
  readonly endpoints: Readonly<Record<EndpointName, EndpointSpec>>;
};

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The endpoint does not exist for this account (or not at this guessed path). */
const isMissing = (error: unknown) =>
  isFleetUpError(error) && error.status !== undefined && [403, 404, 405].includes(error.status);

/**
 * Builds an adapter for one FleetUp account. Every call passes one limiter (including token
 * calls and retries), runs under a per-attempt timeout, is retried with jittered exponential
 * back-off on network errors, timeouts, 5xx and 429, and fails fast at an open circuit breaker
 * (but for one trial per positions poll) while FleetUp is down.
 */
export function createFleetUpClient(config: FleetUpConfig, deps: FleetUpDeps = {}): FleetUpClient {
  const transport: Transport = createTransport(config, deps);
  const { clock, log } = transport;
  const endpoints = endpointsFor(config);
  const bodies = requestBodies(config.timeZone);

  const counts = {
    records: {} as FleetUpMetrics["records"],
    dropped: {} as FleetUpMetrics["dropped"],
    droppedFields: {} as Record<string, FieldDrops>,
    unknownFields: {} as Record<string, Set<string>>,
  };
  let positionsChoice: FleetUpMetrics["positionsEndpoint"] =
    config.positionsEndpoint === "auto" ? undefined : config.positionsEndpoint;
  const said = new Set<string>();
  const sayOnce = (key: string, message: string, fields?: Record<string, string | number>) => {
    if (said.has(key)) return;
    said.add(key);
    log.info(message, fields);
  };

  function record<T>(name: EndpointName, result: ParseResult<T>): ParseResult<T> {
    const totals = (counts.records[name] ??= { received: 0, kept: 0 });
    totals.received += result.received;
    totals.kept += result.records.length;
    const dropped = (counts.dropped[name] ??= {});
    for (const [reason, count] of Object.entries(result.dropped) as Array<[DropReason, number]>) {
      dropped[reason] = (dropped[reason] ?? 0) + count;
    }
    const fields = (counts.droppedFields[name] ??= {});
    for (const [field, reasons] of Object.entries(result.droppedFields)) {
      const into = (fields[field] ??= {});
      for (const [reason, count] of Object.entries(reasons) as Array<[DropReason, number]>) {
        into[reason] = (into[reason] ?? 0) + count;
      }
    }
    const unknown = (counts.unknownFields[name] ??= new Set());
    result.fieldsIgnored.forEach((field) => unknown.add(field));
    const summary = (entries: Array<[string, number | undefined]>) =>
      entries.map(([reason, count]) => `${reason}=${count}`).join(",");
    if (Object.keys(result.dropped).length > 0 || Object.keys(result.droppedFields).length > 0) {
      log.warn("FleetUp data partly unusable", {
        endpoint: name,
        received: result.received,
        kept: result.records.length,
        droppedRecords: summary(Object.entries(result.dropped)) || undefined,
        unknownFields:
          summary(
            Object.entries(result.droppedFields).flatMap(([field, reasons]) =>
              Object.entries(reasons).map(([reason, n]): [string, number | undefined] => [
                `${field}:${reason}`,
                n,
              ]),
            ),
          ) || undefined,
      });
    }
    return result;
  }

  async function rawCall(
    name: EndpointName,
    body: Record<string, unknown> = {},
    priority?: Priority,
    context: { deviceId?: string } = {},
    signal?: AbortSignal,
  ): Promise<RawCallResult> {
    const spec = endpoints[name];
    const response = await transport.call(spec.path, body, priority ?? spec.priority, signal);
    const parseContext: ParseContext = {
      now: clock.now(),
      timeZone: config.timeZone,
      coordUnit: config.coordUnit,
      ...context,
    };
    let parsed: ParseResult<unknown>;
    try {
      parsed = parsers[spec.parser](response.body, parseContext) as ParseResult<unknown>;
    } catch (error) {
      if (error instanceof PayloadShapeError) {
        throw transport.fail({
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
    signal?: AbortSignal,
  ): Promise<T[]> {
    return (await rawCall(name, body, undefined, context, signal)).parsed.records as T[];
  }

  function window(requested: TimeWindow | undefined, defaultSpan: number, maxSpan: number) {
    const to = Math.min(requested?.to ?? clock.now(), clock.now());
    const from = Math.max(requested?.from ?? to - defaultSpan, to - maxSpan);
    return { from, to };
  }

  const positionsName = (choice: "device-last-location" | "latest"): EndpointName =>
    choice === "latest" ? "latestGps" : "deviceLastLocation";

  async function getLatestPositions({ signal }: CallOptions = {}): Promise<Position[]> {
    if (positionsChoice) return list<Position>(positionsName(positionsChoice), {}, {}, signal);
    try {
      const positions = await list<Position>("deviceLastLocation", {}, {}, signal);
      positionsChoice = "device-last-location";
      return positions;
    } catch (error) {
      if (!isMissing(error)) throw error;
      const positions = await list<Position>("latestGps", {}, {}, signal);
      positionsChoice = "latest";
      log.info("FleetUp account has no device-last-location; using /gpsdata/latest", {
        status: isFleetUpError(error) ? error.status : undefined,
      });
      return positions;
    }
  }

  /** Fence names from /fencealerts/fence-names, or none when this account has no such list. */
  async function namedFences(why: string, signal?: AbortSignal): Promise<NamedFence[]> {
    sayOnce("names", `FleetUp's fence list ${why}; fence names come from /fencealerts/fence-names`);
    try {
      return await list<FenceRef>("fenceNames", {}, {}, signal);
    } catch (error) {
      if (!isMissing(error)) throw error;
      sayOnce("none", "This FleetUp account names no fences (fence-names is not available)", {
        status: isFleetUpError(error) ? (error.status ?? 0) : 0,
      });
      return [];
    }
  }

  /** FleetUp's fences: the list, with one detail call per fence the list gives no shape for. */
  async function fleetUpFences(signal?: AbortSignal): Promise<NamedFence[]> {
    let entries: FenceEntry[];
    try {
      entries = await list<FenceEntry>("fences", {}, {}, signal);
    } catch (error) {
      if (!isMissing(error)) throw error;
      return namedFences(
        `(${config.fencesPath}) answered ${isFleetUpError(error) ? error.status : "?"}`,
        signal,
      );
    }
    const fences: NamedFence[] = [];
    let detailCalls = 0;
    let detailPathWorks = true;
    for (const entry of entries) {
      if (entry.geometry || !detailPathWorks) {
        fences.push(entry);
        continue;
      }
      detailCalls += 1;
      try {
        const details = await list<FenceEntry>(
          "fenceDetail",
          bodies.fenceDetail(entry.id),
          {},
          signal,
        );
        const detail = details.find((candidate) => candidate.id === entry.id) ?? details[0];
        fences.push({ ...entry, name: entry.name ?? detail?.name, geometry: detail?.geometry });
      } catch (error) {
        if (!isMissing(error)) throw error;
        // A vanished fence must not hide the others; a detail path that is missing for the first
        // fence asked is a wrong guess (GAPS G2), not worth one failing call per fence.
        fences.push(entry);
        if (detailCalls === 1) detailPathWorks = false;
      }
    }
    return fences;
  }

  async function getFences({ signal }: CallOptions = {}): Promise<Fence[]> {
    const fromFleetUp = await fleetUpFences(signal);
    if (!config.fencesFile) return mergeFences(fromFleetUp, []);
    const file = await loadFencesFile(config.fencesFile);
    if (file.skipped.length > 0) {
      sayOnce(`skipped:${file.skipped.join("|")}`, "FENCES_FILE: some features were skipped", {
        skipped: file.skipped.slice(0, 10).join("; "),
      });
    }
    return mergeFences(fromFleetUp, file.fences);
  }

  return {
    endpoints,
    getDevices: ({ signal } = {}) => list<Device>("devices", {}, {}, signal),
    getLatestPositions,
    getOngoingTrips: ({ signal } = {}) => list<Trip>("ongoingTrips", {}, {}, signal),
    getTripHistory: (deviceId, requested) => {
      const { from, to } = window(requested, 7 * DAY, 30 * DAY - DAY);
      return list<Trip>("tripHistory", bodies.tripHistory(deviceId, from, to), { deviceId });
    },
    getAlertsSince: async (since, deviceIds, { signal } = {}) => {
      if (deviceIds.length === 0) return [];
      const { from, to } = window({ from: since }, DAY, DAY);
      return list<Alert>("alerts", bodies.alerts(deviceIds, from, to), {}, signal);
    },
    getDeviceAlerts: (deviceId, requested) => {
      const { from, to } = window(requested, DAY, DAY);
      return list<Alert>("deviceAlerts", bodies.deviceAlerts(deviceId, from, to), { deviceId });
    },
    getFenceAlerts: (deviceId, since) =>
      list<Alert>(
        "fenceAlerts",
        bodies.fenceAlerts(deviceId, window({ from: since }, DAY, DAY).from),
        { deviceId },
      ),
    getFenceNames: () => list<FenceRef>("fenceNames"),
    getFences,
    getGpsHistory: async (deviceId, requested, priority) => {
      const { from, to } = window(requested, DAY, DAY);
      const body = bodies.gpsHistory(deviceId, from, to);
      return (await rawCall("gpsHistory", body, priority, { deviceId })).parsed
        .records as Position[];
    },
    rawCall: (name, body, priority) => rawCall(name, body, priority ?? "background"),
    metrics: () => ({
      ...transport.metrics(),
      records: structuredClone(counts.records),
      dropped: structuredClone(counts.dropped),
      droppedFields: structuredClone(counts.droppedFields),
      unknownFields: Object.fromEntries(
        Object.entries(counts.unknownFields).map(([name, fields]) => [name, [...fields].sort()]),
      ),
      positionsEndpoint: positionsChoice,
    }),
  };
}

export { FencesFileError };
