/**
 * `npx tsx --conditions react-server bench/parse-positions.ts [vehicles] [runs]` (defaults 50,000
 * and 15; also run by `npm run bench`): the cost of reading one latest-positions answer, against
 * JSON.parse of the same body in the same run. Cases: UTC timestamps in degrees (what the
 * simulator sends by default), local-time timestamps read with FLEETUP_TIME_ZONE, milliseconds of
 * arc, and a body where a tenth of the records carry an unreadable field (kept, field counted).
 */
import { parsers } from "../lib/fleetup/parsers";
import { printRows, type BenchRow } from "./table";

const vehicles = Number(process.argv[2] ?? 50_000);
const runs = Number(process.argv[3] ?? 15);
const now = Date.UTC(2026, 2, 3, 19);

function compact(ms: number): string {
  return new Date(ms).toISOString().replace(/\D/g, "").slice(0, 14);
}

function body(options: { zoneOffsetMs?: number; mas?: boolean; damaged?: boolean }): string {
  const records = Array.from({ length: vehicles }, (_, index) => {
    const lat = 33.2 + (index % 1000) / 2000;
    const lng = -112.3 + Math.floor(index / 1000) / 200;
    const record: Record<string, unknown> = {
      devId: `213NW${String(index).padStart(10, "0")}`,
      gpsTime: compact(now - (index % 600) * 1000 + (options.zoneOffsetMs ?? 0)),
      lat: options.mas ? Math.round(lat * 3_600_000) : lat,
      lng: options.mas ? Math.round(lng * 3_600_000) : lng,
      speed: index % 3 === 0 ? 0 : 40 + (index % 50),
      direction: index % 360,
      rpm: 1200,
      fuelWear: 35,
      idling: 0,
      acc: 1,
    };
    if (options.damaged && index % 10 === 0) {
      record.direction = index % 20 === 0 ? -1 : 999;
      record.rpm = "NaN";
    }
    return record;
  });
  return JSON.stringify({ data: records });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function time(work: () => void): number {
  work(); // warm up
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    work();
    samples.push(performance.now() - started);
  }
  return median(samples);
}

const cases: Array<[string, string, { timeZone?: string }]> = [
  ["UTC, degrees", body({}), {}],
  [
    "local time (America/Phoenix)",
    body({ zoneOffsetMs: -7 * 3_600_000 }),
    { timeZone: "America/Phoenix" },
  ],
  ["milliseconds of arc", body({ mas: true }), {}],
  ["a tenth with unreadable fields", body({ damaged: true }), {}],
];

const rows: BenchRow[] = [];
for (const [name, text, context] of cases) {
  const baseline = time(() => JSON.parse(text));
  let kept = 0;
  const parse = time(() => {
    kept = parsers.deviceLastLocation(JSON.parse(text), { now, ...context }).records.length;
  });
  if (kept !== vehicles) throw new Error(`${name}: kept ${kept} of ${vehicles}`);
  rows.push({
    bench: "parse-positions",
    case: `${vehicles.toLocaleString("en-US")} vehicles, ${name}`,
    metric: "median ms",
    value: parse,
    baseline,
    baselineName: "JSON.parse alone",
  });
}
printRows(rows);
