import "server-only";
import type { FleetUpConfig } from "./config";
import {
  dataRequest,
  endpointsFor,
  requestBodies,
  tokenRequest,
  type EndpointName,
} from "./endpoints";
import { describeUpstreamBody, redactSecrets } from "./errors";
import { silentLogger } from "./logger";
import { extractList, parsers, PayloadShapeError, type ParseResult } from "./parsers";
import {
  coordinateFindings,
  detectClockOffset,
  timeZoneFindings,
  tokenReplyShape,
} from "./probe-checks";
import { redactSample, type ProbeReport, type ProbeSample } from "./probe-report";
import { zoneOffsetMs, zonesAtOffset } from "./time-zone";
import {
  createTransport,
  readTokenReply,
  type AuthForm,
  type Exchange,
  type TransportDeps,
} from "./transport";

/**
 * `npm run fleetup:probe`: the run a customer does once with real credentials. It requests a
 * token (and saves the reply's shape), tries both Authorization forms, calls every endpoint the
 * dashboard uses once (through the request budget), and reports what FleetUp really answers:
 * which fields arrive, which we map, which records or fields we would drop, FleetUp's own words
 * for every error, whether fix times look hours off (a time zone) and how the coordinates read
 * under each unit. It ends with the exact settings to use. Requests are the client's own, built
 * from the shared endpoint definitions (endpoints.ts); the checks are in probe-checks.ts, the
 * report's shape and printing in probe-report.ts.
 */

export {
  formatProbeReport,
  formatProbeTable,
  writeProbeSamples,
  type ProbeReport,
} from "./probe-report";

const HOUR = 3_600_000;

type Step = {
  name: EndpointName;
  /** The request body beyond acctId; undefined when the step cannot run (no device/fence known). */
  body: (known: Known) => Record<string, unknown> | undefined;
};

type Known = { deviceIds: string[]; fenceIds: string[]; now: number };

function steps(timeZone: string): Step[] {
  const bodies = requestBodies(timeZone);
  const device = (known: Known) => known.deviceIds[0];
  return [
    { name: "devices", body: () => ({}) },
    { name: "deviceLastLocation", body: () => ({}) },
    { name: "latestGps", body: () => ({}) },
    { name: "ongoingTrips", body: () => ({}) },
    {
      name: "tripHistory",
      body: (k) =>
        device(k) === undefined
          ? undefined
          : bodies.tripHistory(device(k)!, k.now - 7 * 24 * HOUR, k.now, true),
    },
    {
      name: "gpsHistory",
      body: (k) =>
        device(k) === undefined ? undefined : bodies.gpsHistory(device(k)!, k.now - HOUR, k.now),
    },
    {
      name: "alerts",
      body: (k) =>
        k.deviceIds.length === 0
          ? undefined
          : bodies.alerts(k.deviceIds.slice(0, 20), k.now - 24 * HOUR, k.now),
    },
    {
      name: "deviceAlerts",
      body: (k) =>
        device(k) === undefined
          ? undefined
          : bodies.deviceAlerts(device(k)!, k.now - 24 * HOUR, k.now),
    },
    {
      name: "fenceAlerts",
      body: (k) =>
        device(k) === undefined ? undefined : bodies.fenceAlerts(device(k)!, k.now - 24 * HOUR),
    },
    { name: "fenceNames", body: () => ({}) },
    { name: "fences", body: () => ({}) },
    {
      name: "fenceDetail",
      body: (k) => (k.fenceIds[0] === undefined ? undefined : bodies.fenceDetail(k.fenceIds[0])),
    },
  ];
}

/** The geofence paths are guesses (GAPS G2): a 404 there is a finding, not a failure. */
const GUESSED: ReadonlySet<EndpointName> = new Set(["fences", "fenceDetail"]);

function formatDropped(parsed: ParseResult<unknown>): string {
  const records = Object.entries(parsed.dropped).map(([reason, n]) => `${reason}=${n}`);
  const fields = Object.entries(parsed.droppedFields).flatMap(([field, reasons]) =>
    Object.entries(reasons).map(([reason, n]) => `${field}:${reason}=${n}`),
  );
  return [...records, ...fields].join(" ");
}

export type ProbeOptions = {
  config: FleetUpConfig;
  /** The shared budget (with REDIS_URL), a fetch wrapper or a clock for tests. */
  deps?: Omit<TransportDeps, "tokenStore" | "logger">;
  sampleLimit?: number;
};

/**
 * Runs the probe: token, Authorization forms, every endpoint once, then the findings and the
 * settings. Failures become rows with FleetUp's words; nothing stops the run but a missing token.
 */
export async function runProbe(options: ProbeOptions): Promise<ProbeReport> {
  const { config } = options;
  const transport = createTransport(config, { ...options.deps, logger: silentLogger });
  const now = transport.clock.now();
  const issued: string[] = [];
  const secrets = () => [...transport.secrets(), ...issued];
  const limit = options.sampleLimit ?? 5;
  const words = (exchange: Exchange) => describeUpstreamBody(exchange.text, secrets());
  const report: ProbeReport = {
    token: { status: "not called", ok: false },
    rows: [],
    samples: {},
    findings: [],
    env: [],
    failed: false,
  };

  // 1. The token, and the shape of FleetUp's reply.
  let token: string | undefined;
  try {
    const exchange = await transport.exchange("/token", tokenRequest(config), "critical");
    const answer = transport.interpret("/token", exchange);
    report.token.status = String(exchange.status);
    if (answer.ok) {
      token = readTokenReply(answer.body)?.token;
      if (token) issued.push(token);
      report.token.shape = tokenReplyShape(answer.body, now);
      if (!token) report.token.error = "the reply carries no token";
    } else {
      report.token.error = answer.error.upstream ?? answer.error.message;
    }
  } catch (error) {
    report.token.status = "no answer";
    report.token.error = error instanceof Error ? error.message : "unexpected error";
  }
  report.token.ok = token !== undefined;
  if (token === undefined) {
    report.failed = true;
    report.findings.push(
      `No token: check FLEETUP_API_KEY, FLEETUP_ACCT_ID, FLEETUP_SECRET and FLEETUP_AUTH_MODE (${config.authMode}).`,
    );
    return report;
  }

  const endpoints = endpointsFor(config);
  const call = async (name: EndpointName, body: Record<string, unknown>, form: AuthForm) => {
    const path = endpoints[name].path;
    const exchange = await transport.exchange(path, dataRequest(config, body), "background", {
      token: token!,
      form,
    });
    return { exchange, answer: transport.interpret(path, exchange) };
  };

  // 2. Which Authorization form FleetUp accepts (JWT only; GAPS A1). The answer in the form
  // that works doubles as the /devices step.
  let form: AuthForm = config.authMode === "legacy" ? "legacy" : config.authPrefix;
  const devicesAnswers = new Map<AuthForm, Awaited<ReturnType<typeof call>>>();
  if (config.authMode === "jwt") {
    const statusOf = async (tried: "bearer" | "bare") => {
      try {
        const result = await call("devices", {}, tried);
        devicesAnswers.set(tried, result);
        const { exchange, answer } = result;
        if (answer.ok) return { status: String(exchange.status), works: true };
        return {
          status: `${answer.error.status ?? exchange.status}: ${words(exchange) ?? ""}`.trim(),
          works: !answer.tokenRejected,
        };
      } catch (error) {
        return { status: error instanceof Error ? error.message : "error", works: false };
      }
    };
    const bearer = await statusOf("bearer");
    const bare = await statusOf("bare");
    const preferred = config.authPrefix === "bare" ? bare : bearer;
    const works: "bearer" | "bare" | undefined = preferred.works
      ? config.authPrefix
      : bearer.works
        ? "bearer"
        : bare.works
          ? "bare"
          : undefined;
    report.authForms = { bearer: bearer.status, bare: bare.status, works };
    if (works) form = works;
    else report.findings.push("FleetUp refused the token in both Authorization forms.");
  }

  // 3. Every endpoint once.
  const known: Known = { deviceIds: [], fenceIds: [], now };
  const rawPositions: Array<Record<string, unknown>> = [];
  const fixTimes: number[] = [];
  const outcome: Partial<Record<EndpointName, "ok" | "missing" | "failed">> = {};
  for (const step of steps(config.timeZone)) {
    const path = endpoints[step.name].path;
    const body = step.body(known);
    const empty = { dropped: "", fieldsSeen: [], fieldsMapped: [], fieldsIgnored: [] };
    if (body === undefined) {
      report.rows.push({
        endpoint: path,
        status: "skipped",
        ok: true,
        ...empty,
        note: "no device or fence id to ask about",
      });
      continue;
    }
    const request = redactSample(dataRequest(config, body).body, secrets());
    const sample = (status: string, extra: Partial<ProbeSample>): ProbeSample => ({
      endpoint: step.name,
      path,
      status,
      request,
      fieldsSeen: [],
      fieldsMapped: [],
      fieldsIgnored: [],
      dropped: {},
      droppedFields: {},
      response: null,
      ...extra,
    });
    let result: Awaited<ReturnType<typeof call>>;
    try {
      result =
        (step.name === "devices" ? devicesAnswers.get(form) : undefined) ??
        (await call(step.name, body, form));
    } catch (error) {
      const message = redactSecrets(error instanceof Error ? error.message : "error", secrets());
      report.rows.push({ endpoint: path, status: "no answer", ok: false, ...empty, note: message });
      report.samples[step.name] = sample("no answer", { error: message });
      outcome[step.name] = "failed";
      continue;
    }
    const { exchange, answer } = result;
    if (!answer.ok) {
      const missing = [403, 404, 405].includes(answer.error.status ?? 0);
      const said = words(exchange) ?? answer.error.message;
      const status = answer.error.envelope
        ? `200 (code ${answer.error.status ?? "?"})`
        : String(exchange.status);
      report.rows.push({ endpoint: path, status, ok: false, ...empty, note: said });
      report.samples[step.name] = sample(status, { error: said });
      outcome[step.name] = missing ? "missing" : "failed";
      continue;
    }
    let parsed: ParseResult<unknown>;
    try {
      parsed = parsers[endpoints[step.name].parser](answer.body, {
        now,
        timeZone: config.timeZone,
        coordUnit: config.coordUnit,
        deviceId: typeof body.devId === "string" ? body.devId : undefined,
      }) as ParseResult<unknown>;
    } catch (error) {
      if (!(error instanceof PayloadShapeError)) throw error;
      const note = `unreadable: ${error.message}`;
      report.rows.push({
        endpoint: path,
        status: String(exchange.status),
        ok: false,
        ...empty,
        note,
      });
      report.samples[step.name] = sample(String(exchange.status), {
        error: note,
        response: redactSample(answer.body, secrets(), limit),
      });
      outcome[step.name] = "failed";
      continue;
    }
    outcome[step.name] = "ok";
    for (const record of parsed.records as Array<Record<string, unknown>>) {
      const id = record.deviceId ?? (step.name === "devices" ? record.id : undefined);
      if (typeof id === "string" && !known.deviceIds.includes(id)) known.deviceIds.push(id);
      if ((step.name === "fences" || step.name === "fenceNames") && typeof record.id === "string") {
        if (!known.fenceIds.includes(record.id)) known.fenceIds.push(record.id);
      }
    }
    // The time zone and unit checks look at the first positions endpoint that answered.
    const positions = step.name === "deviceLastLocation" || step.name === "latestGps";
    if (positions && rawPositions.length === 0) {
      for (const record of parsed.records as Array<{ fixTime?: number }>) {
        if (typeof record.fixTime === "number") fixTimes.push(record.fixTime);
      }
      for (const item of safeList(answer.body)) {
        if (item && typeof item === "object") rawPositions.push(item as Record<string, unknown>);
      }
    }
    report.rows.push({
      endpoint: path,
      status: String(exchange.status),
      ok: true,
      records: parsed.received,
      kept: parsed.records.length,
      dropped: formatDropped(parsed),
      fieldsSeen: parsed.fieldsSeen,
      fieldsMapped: parsed.fieldsMapped,
      fieldsIgnored: parsed.fieldsIgnored,
    });
    report.samples[step.name] = sample(String(exchange.status), {
      fieldsSeen: parsed.fieldsSeen,
      fieldsMapped: parsed.fieldsMapped,
      fieldsIgnored: parsed.fieldsIgnored,
      dropped: parsed.dropped as Record<string, number>,
      droppedFields: parsed.droppedFields as Record<string, Record<string, number>>,
      response: redactSample(answer.body, secrets(), limit),
    });
  }

  // 4. Findings and settings.
  const positionsOk = outcome.deviceLastLocation === "ok" || outcome.latestGps === "ok";
  const failedData = Object.entries(outcome).filter(([name, result]) => {
    if (result === "ok") return false;
    if (name === "latestGps" || name === "deviceLastLocation") return !positionsOk;
    return !(GUESSED.has(name as EndpointName) && result === "missing");
  });
  report.failed = failedData.length > 0 || (config.authMode === "jwt" && !report.authForms?.works);
  const refused = Object.entries(outcome)
    .filter(([, result]) => result === "missing")
    .map(([name]) => endpoints[name as EndpointName].path);
  if (refused.length > 0 && refused.every((path) => !/^\/(devices|gpsdata)/.test(path))) {
    report.findings.push(
      `FleetUp refused ${refused.join(", ")} (403/404/405). Enterprise credentials can call only /devices and /gpsdata…: the map works, but these feeds stay empty.`,
    );
  }
  if (outcome.fences === "missing") {
    report.findings.push(
      `FleetUp has no fence list at ${config.fencesPath} (a guessed path): fence names come from /fencealerts/fence-names. ` +
        "Set FLEETUP_FENCES_PATH and FLEETUP_FENCE_DETAIL_PATH if FleetUp tells you the real paths, or FENCES_FILE (GeoJSON) for the shapes.",
    );
  }
  report.findings.push(...timeZoneFindings(fixTimes, now, config.timeZone));
  const coords = coordinateFindings(rawPositions, config.coordUnit);
  report.findings.push(...coords.findings);

  const positionsEndpoint =
    outcome.deviceLastLocation === "ok"
      ? "device-last-location"
      : outcome.latestGps === "ok"
        ? "latest"
        : config.positionsEndpoint;
  const offset = detectClockOffset(fixTimes, now);
  const zone =
    offset === undefined
      ? config.timeZone
      : (zonesAtOffset(zoneOffsetMs(now, config.timeZone) - offset.offsetMs, now)[0] ??
        config.timeZone);
  report.env = [
    `FLEETUP_AUTH_MODE=${config.authMode}`,
    ...(config.authMode === "jwt"
      ? [`FLEETUP_AUTH_PREFIX=${report.authForms?.works ?? config.authPrefix}`]
      : []),
    `FLEETUP_POSITIONS_ENDPOINT=${positionsEndpoint}`,
    `FLEETUP_TIME_ZONE=${zone}`,
    `FLEETUP_COORD_UNIT=${coords.unit}`,
    ...(outcome.fences === "ok" ? [`FLEETUP_FENCES_PATH=${config.fencesPath}`] : []),
    ...(outcome.fenceDetail === "ok"
      ? [`FLEETUP_FENCE_DETAIL_PATH=${config.fenceDetailPath}`]
      : []),
  ];
  return report;
}

function safeList(body: unknown): unknown[] {
  try {
    return extractList(body, ["locations", "positions", "gpsData", "lastLocations", "devices"]);
  } catch {
    return [];
  }
}
