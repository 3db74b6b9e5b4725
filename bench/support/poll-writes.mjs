/**
 * Loaded into the production server by bench/live-service.ts (NODE_OPTIONS=--import …) for its
 * "database write every poll" runs; never part of the product. On every positions poll it writes
 * BENCH_WRITE_ROWS_PER_POLL rows (default 10,000: every vehicle of a 10,000-vehicle fleet, as
 * recorded history would; a smaller fleet's vehicles repeat under other ids) into a table of the
 * server's own embedded database, in the server's thread, the way a write on the poll path
 * should be made: after the poll's delta has gone out, in statements of BENCH_WRITE_ROWS rows,
 * yielding to the event loop between statements. What it measured goes to
 * BENCH_POLL_WRITES_STATS as JSON.
 */
import { writeFileSync } from "node:fs";

const LIVE = Symbol.for("fleet-live.live-service");
const DATABASE = Symbol.for("fleet-live.database");
const ROWS_PER_STATEMENT = Number(process.env.BENCH_WRITE_ROWS ?? 500);
/** Rows per poll: the fleet's vehicles, repeated under other ids when the fleet is smaller. */
const ROWS_PER_POLL = Number(process.env.BENCH_WRITE_ROWS_PER_POLL ?? 10_000);
const STATS_FILE = process.env.BENCH_POLL_WRITES_STATS;

const stats = { polls: 0, rows: 0, pollWriteMs: [], statementMs: [], failures: 0 };
const yieldToEventLoop = () => new Promise((resolve) => setImmediate(resolve));

function insert(count) {
  const values = [];
  for (let row = 0; row < count; row += 1) {
    const at = row * 6;
    values.push(`($${at + 1}, $${at + 2}, $${at + 3}, $${at + 4}, $${at + 5}, $${at + 6})`);
  }
  return `insert into bench_positions (device_id, fix_time, lat, lng, speed_kph, heading_deg) values ${values.join(", ")}`;
}

function rowsFor(vehicles) {
  if (vehicles.length === 0) return [];
  return Array.from({ length: ROWS_PER_POLL }, (_, index) => {
    const vehicle = vehicles[index % vehicles.length];
    const copy = Math.floor(index / vehicles.length);
    return copy === 0 ? vehicle : { ...vehicle, id: `${vehicle.id}~${copy}` };
  });
}

async function writePoll(pglite, vehicles) {
  const started = performance.now();
  for (let from = 0; from < vehicles.length; from += ROWS_PER_STATEMENT) {
    await yieldToEventLoop();
    const slice = vehicles.slice(from, from + ROWS_PER_STATEMENT);
    const params = slice.flatMap((vehicle) => [
      vehicle.id,
      vehicle.fixTime,
      vehicle.lat,
      vehicle.lng,
      vehicle.speedKph ?? null,
      vehicle.headingDeg ?? null,
    ]);
    const statementStarted = performance.now();
    await pglite.query(insert(slice.length), params);
    stats.statementMs.push(performance.now() - statementStarted);
  }
  stats.polls += 1;
  stats.rows += vehicles.length;
  stats.pollWriteMs.push(performance.now() - started);
  if (STATS_FILE) writeFileSync(STATS_FILE, JSON.stringify(stats));
}

const waiting = setInterval(async () => {
  const live = globalThis[LIVE];
  const database = globalThis[DATABASE];
  if (!live || !database) return;
  clearInterval(waiting);
  const { handle } = await database;
  const pglite = handle.embedded;
  await pglite.exec(`create table if not exists bench_positions (
    device_id text not null, fix_time bigint not null, lat double precision not null,
    lng double precision not null, speed_kph real, heading_deg real,
    recorded_at timestamptz not null default now());
    create index if not exists bench_positions_device_time on bench_positions (device_id, fix_time)`);
  let lastPoll;
  let writing = false;
  live.broadcaster.subscribe(() => {
    const polledAt = live.mirror.feedHealth().positions?.lastSuccessAt;
    if (polledAt === undefined || polledAt === lastPoll || writing) return;
    lastPoll = polledAt;
    writing = true;
    // After the delta has gone out: the write never sits between a poll and its screens.
    setImmediate(() => {
      writePoll(pglite, rowsFor(live.mirror.snapshot().vehicles))
        .catch(() => (stats.failures += 1))
        .finally(() => (writing = false));
    });
  });
}, 200);
waiting.unref();
