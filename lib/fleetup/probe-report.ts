import "server-only";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { redactSecrets } from "./errors";

/** What `npm run fleetup:probe` found, as the CLI prints it and the samples keep it. */

export type ProbeRow = {
  endpoint: string;
  /** HTTP status, or the error kind when the call failed before/without one. */
  status: string;
  ok: boolean;
  /** Records received (before dropping); undefined when the call failed. */
  records?: number;
  kept?: number;
  dropped: string;
  fieldsSeen: string[];
  fieldsMapped: string[];
  fieldsIgnored: string[];
  /** FleetUp's own words when the call failed (redacted), or our note. */
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
  droppedFields: Record<string, Record<string, number>>;
  /** The response with lists cut to the first few records, secrets removed. */
  response: unknown;
  /** FleetUp's words when it refused (redacted, at most 500 characters). */
  error?: string;
};

export type ProbeReport = {
  token: { status: string; ok: boolean; shape?: unknown; error?: string };
  /** Statuses of one call with each Authorization form (JWT only), and the form that works. */
  authForms?: { bearer: string; bare: string; works?: "bearer" | "bare" };
  rows: ProbeRow[];
  samples: Record<string, ProbeSample>;
  /** What the probe noticed, in plain words. */
  findings: string[];
  /** The exact settings to put in the environment. */
  env: string[];
  /** A data call failed: the probe exits non-zero. */
  failed: boolean;
};

const SECRET_KEYS =
  /token|secret|password|passwd|api[-_]?key|authorization|credential|^acct[-_]?id$|^account[-_]?id$/i;

/**
 * A copy of `value` safe to send to us: values of secret-looking keys (and the account id)
 * replaced, every known secret (api key, secret, account id, tokens) removed from any string,
 * lists cut to `limit` records.
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

/** A plain-text table: endpoint, status, records, fields seen, mapped, ignored, drops or FleetUp's words. */
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

/** The whole report as the CLI prints it: token, Authorization forms, table, findings, settings. */
export function formatProbeReport(report: ProbeReport): string {
  const lines: string[] = [];
  const token = report.token;
  lines.push(
    `Token: ${token.status}${token.ok ? `, reply ${JSON.stringify(token.shape)}` : ""}` +
      (token.error ? `; FleetUp said: ${token.error}` : ""),
  );
  if (report.authForms) {
    const { bearer, bare, works } = report.authForms;
    lines.push(
      `Authorization: Bearer <token> → ${bearer}; bare <token> → ${bare}` +
        (works ? `; FleetUp accepts the ${works} form` : ""),
    );
  }
  if (report.rows.length > 0) lines.push("", formatProbeTable(report.rows));
  if (report.findings.length > 0) {
    lines.push("", "Findings:", ...report.findings.map((finding) => `- ${finding}`));
  }
  if (report.env.length > 0) {
    lines.push("", "Set these in .env.local (or your process manager):", ...report.env);
  }
  return lines.join("\n");
}

/** Writes token.json, one JSON file per endpoint and summary.json; returns the file paths. */
export async function writeProbeSamples(
  directory: string,
  report: ProbeReport,
  extra: Record<string, unknown> = {},
): Promise<string[]> {
  await mkdir(directory, { recursive: true });
  const files: string[] = [];
  const write = async (name: string, value: unknown) => {
    const file = join(directory, name);
    await writeFile(file, `${JSON.stringify(value, null, 2)}\n`);
    files.push(file);
  };
  await write("token.json", report.token);
  for (const [name, sample] of Object.entries(report.samples)) await write(`${name}.json`, sample);
  await write("summary.json", {
    ...extra,
    authForms: report.authForms,
    rows: report.rows,
    findings: report.findings,
    env: report.env,
    failed: report.failed,
  });
  return files;
}
