import "server-only";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { EndpointName, FleetUpClient, RawCallResult } from "./client";
import { isFleetUpError, redactSecrets } from "./errors";
import { toCompactDate, toCompactDateTime } from "./parse-values";

/**
 * `npm run fleetup:probe`: calls each endpoint the dashboard uses once (through the normal
 * budget, so at most one request per second), and reports what the account really returns:
 * which fields arrive, which we map, which we ignore, and how many records we would drop.
 * Redacted samples go to a folder an operator can send us to close the gaps in GAPS.md.
 */

export type ProbeRow = {
  endpoint: string;
  /** HTTP status, or the error kind when the call failed before/without one. */
  status: string;
  /** Records received (before dropping); undefined when the call failed. */
  records?: number;
  kept?: number;
  dropped: string;
  fieldsSeen: string[];
  fieldsMapped: string[];
  fieldsIgnored: string[];
  note?: string;
};

export type ProbeSample = {
  endpoint: string;
  path: string;
  status: string;
  request: unknown;
  fieldsSeen: string[];
  fieldsMapped: string[];
  fieldsIgnored: string[];
  dropped: Record<string, number>;
  /** The response with lists cut to the first few records, secrets removed. */
  response: unknown;
  error?: string;
};

export type ProbeReport = { rows: ProbeRow[]; samples: Record<string, ProbeSample> };

const HOUR = 3_600_000;

/** The table row for a successful call. */
export function probeRow(result: RawCallResult): ProbeRow {
  const { parsed } = result;
  return {
    endpoint: result.path,
    status: String(result.status),
    records: parsed.received,
    kept: parsed.records.length,
    dropped: formatDropped(parsed.dropped),
    fieldsSeen: parsed.fieldsSeen,
    fieldsMapped: parsed.fieldsMapped,
    fieldsIgnored: parsed.fieldsIgnored,
  };
}

/** The table row for a failed call: status if FleetUp answered, else the error kind. */
export function errorRow(path: string, error: unknown): ProbeRow {
  const status = isFleetUpError(error)
    ? error.status !== undefined
      ? String(error.status)
      : error.kind
    : "error";
  return {
    endpoint: path,
    status,
    dropped: "",
    fieldsSeen: [],
    fieldsMapped: [],
    fieldsIgnored: [],
    note: isFleetUpError(error) ? error.kind : "unexpected error",
  };
}

function formatDropped(dropped: Partial<Record<string, number>>): string {
  return Object.entries(dropped)
    .map(([reason, count]) => `${reason}=${count}`)
    .join(" ");
}

/** A plain-text table: endpoint, status, records, fields seen, fields mapped, fields ignored. */
export function formatProbeTable(rows: readonly ProbeRow[]): string {
  const header = ["endpoint", "status", "records", "seen", "mapped", "ignored", "dropped / note"];
  const body = rows.map((row) => [
    row.endpoint,
    row.status,
    row.records === undefined
      ? "-"
      : row.kept === row.records
        ? String(row.records)
        : `${row.kept}/${row.records}`,
    String(row.fieldsSeen.length),
    String(row.fieldsMapped.length),
    row.fieldsIgnored.length === 0
      ? "0"
      : `${row.fieldsIgnored.length}: ${row.fieldsIgnored.join(", ")}`,
    [row.dropped, row.note].filter(Boolean).join(" "),
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...body.map((cells) => cells[column]?.length ?? 0)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((width) => "-".repeat(width))), ...body.map(line)].join(
    "\n",
  );
}

const SECRET_KEYS =
  /token|secret|password|passwd|api[-_]?key|authorization|credential|^acct[-_]?id$|^account[-_]?id$/i;

/**
 * A copy of `value` safe to send to us: values of secret-looking keys (and the account id)
 * replaced, every known secret (api key, secret, tokens) removed from any string, lists cut to
 * `limit` records.
 */
export function redactSample(
  value: unknown,
  secrets: readonly (string | undefined)[],
  limit = 5,
): unknown {
  if (typeof value === "string") return redactSecrets(value, secrets);
  if (Array.isArray(value))
    return value.slice(0, limit).map((item) => redactSample(item, secrets, limit));
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        redactSecrets(key, secrets),
        SECRET_KEYS.test(key) ? "[redacted]" : redactSample(item, secrets, limit),
      ]),
    );
  }
  return value;
}

type Step = {
  name: EndpointName;
  /** The request body beyond acctId; undefined when the step cannot run (no device/fence known). */
  body: (known: {
    deviceIds: string[];
    fenceIds: string[];
    now: number;
  }) => Record<string, unknown> | undefined;
};

const STEPS: Step[] = [
  { name: "devices", body: () => ({}) },
  { name: "deviceLastLocation", body: () => ({}) },
  { name: "latestGps", body: () => ({}) },
  { name: "ongoingTrips", body: () => ({}) },
  {
    name: "tripHistory",
    body: ({ deviceIds, now }) =>
      deviceIds[0] === undefined
        ? undefined
        : {
            devId: deviceIds[0],
            startDate: toCompactDate(now - 7 * 24 * HOUR),
            endDate: toCompactDate(now),
            isDriverDetailsRequired: true,
            isTripScoreRequired: true,
          },
  },
  {
    name: "gpsHistory",
    body: ({ deviceIds, now }) =>
      deviceIds[0] === undefined
        ? undefined
        : {
            devId: deviceIds[0],
            startDate: toCompactDateTime(now - HOUR),
            endDate: toCompactDateTime(now),
          },
  },
  {
    name: "alerts",
    body: ({ deviceIds, now }) =>
      deviceIds.length === 0
        ? undefined
        : {
            devIds: deviceIds.slice(0, 20),
            startDate: toCompactDateTime(now - 24 * HOUR),
            endDate: toCompactDateTime(now),
          },
  },
  {
    name: "deviceAlerts",
    body: ({ deviceIds, now }) =>
      deviceIds[0] === undefined
        ? undefined
        : {
            devId: deviceIds[0],
            startDate: toCompactDateTime(now - 24 * HOUR),
            endDate: toCompactDateTime(now),
          },
  },
  {
    name: "fenceAlerts",
    body: ({ deviceIds, now }) =>
      deviceIds[0] === undefined
        ? undefined
        : { devId: deviceIds[0], startDate: toCompactDateTime(now - 24 * HOUR) },
  },
  { name: "fenceNames", body: () => ({}) },
  { name: "fences", body: () => ({}) },
  {
    name: "fenceDetail",
    body: ({ fenceIds }) => (fenceIds[0] === undefined ? undefined : { fenceId: fenceIds[0] }),
  },
];

function collectIds(result: RawCallResult, known: { deviceIds: string[]; fenceIds: string[] }) {
  for (const record of result.parsed.records as Array<Record<string, unknown>>) {
    const deviceId = record.deviceId ?? (result.endpoint === "devices" ? record.id : undefined);
    if (typeof deviceId === "string" && !known.deviceIds.includes(deviceId))
      known.deviceIds.push(deviceId);
    if (
      (result.endpoint === "fences" || result.endpoint === "fenceNames") &&
      typeof record.id === "string"
    ) {
      if (!known.fenceIds.includes(record.id)) known.fenceIds.push(record.id);
    }
  }
}

/**
 * Calls each endpoint once, in an order that discovers a device and a fence id for the
 * per-device and per-fence calls. Failures become rows; nothing stops the run except the end.
 */
export async function runProbe(
  client: FleetUpClient,
  options: { secrets: () => readonly (string | undefined)[]; now?: number; sampleLimit?: number },
): Promise<ProbeReport> {
  const now = options.now ?? Date.now();
  const known = { deviceIds: [] as string[], fenceIds: [] as string[], now };
  const rows: ProbeRow[] = [];
  const samples: Record<string, ProbeSample> = {};
  for (const step of STEPS) {
    const path = client.endpoints[step.name].path;
    const body = step.body(known);
    if (body === undefined) {
      rows.push({
        ...errorRow(path, undefined),
        status: "skipped",
        note: "no device or fence id to ask about",
      });
      continue;
    }
    const request = redactSample(body, options.secrets());
    try {
      const result = await client.rawCall(step.name, body, "background");
      collectIds(result, known);
      const row = probeRow(result);
      rows.push(row);
      samples[step.name] = {
        endpoint: step.name,
        path,
        status: row.status,
        request,
        fieldsSeen: row.fieldsSeen,
        fieldsMapped: row.fieldsMapped,
        fieldsIgnored: row.fieldsIgnored,
        dropped: result.parsed.dropped as Record<string, number>,
        response: redactSample(result.body, options.secrets(), options.sampleLimit),
      };
    } catch (error) {
      const row = errorRow(path, error);
      rows.push(row);
      samples[step.name] = {
        endpoint: step.name,
        path,
        status: row.status,
        request,
        fieldsSeen: [],
        fieldsMapped: [],
        fieldsIgnored: [],
        dropped: {},
        response: null,
        error: redactSecrets(
          error instanceof Error ? error.message : "unexpected error",
          options.secrets(),
        ),
      };
    }
  }
  const tokenOutcomes = client.metrics().outcomes["/token"] ?? {};
  rows.unshift({
    endpoint: "/token",
    status: Object.keys(tokenOutcomes).join(",") || "not called",
    dropped: "",
    fieldsSeen: [],
    fieldsMapped: [],
    fieldsIgnored: [],
    note: `${client.metrics().tokenRequests} token request(s)`,
  });
  return { rows, samples };
}

/** Writes one JSON file per endpoint plus summary.json into `directory`; returns the file paths. */
export async function writeProbeSamples(
  directory: string,
  report: ProbeReport,
  extra: Record<string, unknown> = {},
): Promise<string[]> {
  await mkdir(directory, { recursive: true });
  const files: string[] = [];
  for (const [name, sample] of Object.entries(report.samples)) {
    const file = join(directory, `${name}.json`);
    await writeFile(file, `${JSON.stringify(sample, null, 2)}\n`);
    files.push(file);
  }
  const summary = join(directory, "summary.json");
  await writeFile(summary, `${JSON.stringify({ ...extra, rows: report.rows }, null, 2)}\n`);
  files.push(summary);
  return files;
}
