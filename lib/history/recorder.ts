import "server-only";
import type { Database } from "@/lib/db/database";
import { reasonOf } from "@/lib/db/errors";
import {
  DAY_MS,
  dayOf,
  historyQueries,
  PARTITIONED_TABLES,
  type EventRow,
  type HistoryQueries,
  type PartitionedTable,
} from "@/lib/db/history";
import type { FleetDelta, LiveVehicle } from "@/lib/fleet/live";
import type { VehicleStatus } from "@/lib/fleet/status";
import type { EpochMs, Trip } from "@/lib/fleet/types";
import { alertEvent, positionRow, statusEvent, toE5, tripEndEvent, tripStartEvent } from "./rows";

export type RecorderOptions = {
  database: () => Promise<Database>;
  /** Every vehicle the map has now (the keyframes take them all once a day). */
  vehicles: () => readonly LiveVehicle[];
  vehicle: (id: string) => LiveVehicle | undefined;
  /** Ongoing trips now, so a trip already under way is not recorded as starting again. */
  trips: () => readonly Trip[];
  positionsIntervalMs: number;
  /** Whole days kept (HISTORY_DAYS, at least 1 here). */
  historyDays: number;
  now?: () => EpochMs;
  log?: (line: string) => void;
  /** Rows per statement; the event loop runs between statements. */
  rowsPerStatement?: number;
  /** More rows than this waiting (the database far behind) are dropped, and the span ends. */
  maxPendingRows?: number;
  /** How long writing waits after a delta; default WRITE_DELAY_MS, at most a quarter interval. */
  writeDelayMs?: number;
};

type Seen = { fixTime: EpochMs; lat: number; lng: number; status: VehicleStatus; name: string };

type Batch = {
  vehicles: Array<{ vehicle: LiveVehicle; at?: EpochMs }>;
  events: EventRow[];
  /** Devices to (re)key: new ones, renamed ones, and all of them on a keyframe. */
  devices: Map<string, string>;
  /** The positions polls this batch completes: the recording covers them once written. */
  polls: EpochMs[];
};

export type RecorderStats = {
  polls: number;
  rows: number;
  events: number;
  failures: number;
  droppedRows: number;
  /** Wall time of each batch's writes, ms (the last 100). */
  batchMs: number[];
  /** How long each statement held the thread, ms (the last 1,000). */
  statementMs: number[];
};

const PRUNE_EVERY_MS = 3_600_000;
/** A positions poll this many intervals after the last one recorded starts a new span. */
const GAP_INTERVALS = 3;
/** Writing waits this long (at most a quarter of the positions interval) after a delta went out. */
const WRITE_DELAY_MS = 2_500;

const emptyBatch = (): Batch => ({ vehicles: [], events: [], devices: new Map(), polls: [] });
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Records what the live service publishes, on the leader only (one writer per deployment):
 * every changed position (1e-5°), status change, trip start and end, and alert, plus a keyframe
 * of every vehicle once a day so "where was it at t" never looks back more than a day. The
 * writes follow lib/db/README.md's "Writing on the poll path": `observe` only notes what changed;
 * the batch is written after the delta has gone out (setImmediate), in statements of a few
 * hundred rows with the event loop running between them, and nothing awaits it. While a batch is
 * being written the next polls gather into the next one. Each recorded poll extends the span the
 * recording covers; a gap (an outage, a failed write, a new leader) starts a new span, and trails
 * ask FleetUp for what lies between.
 */
export class Recorder {
  private readonly seen = new Map<string, Seen>();
  private readonly trips = new Map<string, Trip>();
  private readonly keys = new Map<string, number>();
  private readonly partitions = new Map<PartitionedTable, Set<number>>();
  private pending = emptyBatch();
  private writing = false;
  private stopped = false;
  private lastPolledAt: EpochMs | undefined;
  private keyframeDay: number | undefined;
  private span: { id: number; to: EpochMs } | undefined;
  private prunedAt = 0;
  private readonly now: () => EpochMs;
  readonly stats: RecorderStats = {
    polls: 0,
    rows: 0,
    events: 0,
    failures: 0,
    droppedRows: 0,
    batchMs: [],
    statementMs: [],
  };

  private readonly writeDelayMs: number;

  constructor(private readonly options: RecorderOptions) {
    this.now = options.now ?? Date.now;
    this.writeDelayMs =
      options.writeDelayMs ?? Math.min(WRITE_DELAY_MS, options.positionsIntervalMs / 4);
    // What the previous leader published is already recorded: only changes from here on.
    for (const vehicle of options.vehicles()) this.seen.set(vehicle.id, seenOf(vehicle));
    for (const trip of options.trips()) this.trips.set(trip.id, trip);
  }

  /** Notes what a published delta changed; the writing happens later, off this call. */
  observe(delta: FleetDelta): void {
    if (this.stopped) return;
    const batch = this.pending;
    for (const vehicle of delta.vehicles?.upsert ?? []) this.noteVehicle(vehicle, batch);
    for (const id of delta.vehicles?.remove ?? []) this.seen.delete(id);
    for (const trip of delta.trips?.upsert ?? []) {
      if (!this.trips.has(trip.id)) batch.events.push(tripStartEvent(trip));
      this.trips.set(trip.id, trip);
    }
    for (const id of delta.trips?.remove ?? []) {
      const trip = this.trips.get(id);
      this.trips.delete(id);
      if (!trip) continue;
      batch.events.push(tripEndEvent(trip, delta.generatedAt, this.options.vehicle(trip.deviceId)));
    }
    for (const alert of delta.alerts ?? []) batch.events.push(alertEvent(alert));
    const polledAt = delta.feeds?.positions?.lastSuccessAt;
    if (polledAt !== undefined && polledAt !== this.lastPolledAt && delta.vehicles) {
      this.lastPolledAt = polledAt;
      batch.polls.push(polledAt);
      if (dayOf(polledAt) !== this.keyframeDay) {
        this.keyframeDay = dayOf(polledAt);
        for (const vehicle of this.options.vehicles()) {
          batch.vehicles.push({ vehicle, at: polledAt });
          batch.devices.set(vehicle.id, vehicle.name);
        }
      }
    }
    this.limitBacklog();
    this.schedule();
  }

  /** Events noted elsewhere on the leader (fence entries and exits), written with the next batch. */
  addEvents(events: readonly EventRow[]): void {
    if (this.stopped || events.length === 0) return;
    this.pending.events.push(...events);
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
  }

  /** Resolves once everything observed so far is written (tests, and a clean shutdown). */
  async drained(): Promise<void> {
    while (this.writing || this.hasPending()) await new Promise((r) => setTimeout(r, 10));
  }

  private noteVehicle(vehicle: LiveVehicle, batch: Batch) {
    const before = this.seen.get(vehicle.id);
    const after = seenOf(vehicle);
    this.seen.set(vehicle.id, after);
    const moved =
      !before ||
      before.fixTime !== after.fixTime ||
      before.lat !== after.lat ||
      before.lng !== after.lng;
    if (moved) batch.vehicles.push({ vehicle });
    if (before && before.status !== after.status) {
      batch.events.push(statusEvent(vehicle, before.status));
    }
    if (!before || before.name !== after.name || !this.keys.has(vehicle.id)) {
      batch.devices.set(vehicle.id, vehicle.name);
    }
  }

  private hasPending(): boolean {
    const batch = this.pending;
    return batch.vehicles.length > 0 || batch.events.length > 0 || batch.polls.length > 0;
  }

  private limitBacklog() {
    const max = this.options.maxPendingRows ?? 500_000;
    if (this.pending.vehicles.length <= max) return;
    // The database is far behind: what waits is dropped, and the recording's span ends here, so
    // trails ask FleetUp for this stretch rather than showing a hole as if it were covered.
    this.stats.droppedRows += this.pending.vehicles.length;
    this.pending.vehicles = [];
    this.pending.polls = [];
    this.span = undefined;
    this.keyframeDay = undefined;
  }

  private schedule() {
    if (this.writing || !this.hasPending()) return;
    this.writing = true;
    // After the delta has gone out to every stream, and had time to drain to them: a statement
    // holds the thread (the embedded engine runs in it), so never between a poll and its screens.
    setTimeout(() => void this.drain(), this.writeDelayMs);
  }

  private async drain() {
    try {
      while (this.hasPending() && !this.stopped) {
        const batch = this.pending;
        this.pending = emptyBatch();
        const started = performance.now();
        try {
          await this.write(batch);
          this.stats.polls += batch.polls.length;
        } catch (error) {
          this.stats.failures += 1;
          this.span = undefined;
          this.keyframeDay = undefined;
          this.options.log?.(
            `[history] a recording batch failed (${reasonOf(error)}); its span ends here`,
          );
        }
        pushBounded(this.stats.batchMs, performance.now() - started, 100);
      }
    } finally {
      this.writing = false;
    }
  }

  private async write(batch: Batch) {
    const queries = historyQueries(await this.options.database());
    const now = this.now();
    const horizon = (dayOf(now) - this.options.historyDays) * DAY_MS;
    const keep = (t: EpochMs) => t >= horizon && t < now + DAY_MS;
    await this.keyDevices(queries, batch.devices, now);
    const rows = batch.vehicles
      .map(({ vehicle, at }) => {
        const key = this.keys.get(vehicle.id);
        return key === undefined ? undefined : positionRow(vehicle, key, at);
      })
      .filter((row) => row !== undefined && keep(row.t)) as ReturnType<typeof positionRow>[];
    const events = batch.events.filter((event) => keep(event.t));
    await this.ensurePartitions(queries, "history_positions", rows);
    await this.ensurePartitions(queries, "history_events", events);
    const size = this.options.rowsPerStatement ?? 500;
    for (let from = 0; from < rows.length; from += size) {
      await this.statement(() => queries.insertPositions(rows.slice(from, from + size)));
    }
    for (let from = 0; from < events.length; from += size) {
      await this.statement(() => queries.insertEvents(events.slice(from, from + size)));
    }
    this.stats.rows += rows.length;
    this.stats.events += events.length;
    for (const polledAt of batch.polls) await this.cover(queries, polledAt);
    if (now - this.prunedAt >= PRUNE_EVERY_MS) {
      this.prunedAt = now;
      await this.prune(queries, horizon);
    }
  }

  private async statement(run: () => Promise<void>) {
    await yieldToEventLoop();
    const started = performance.now();
    await run();
    pushBounded(this.stats.statementMs, performance.now() - started, 1_000);
  }

  private async keyDevices(queries: HistoryQueries, devices: Map<string, string>, now: EpochMs) {
    const list = [...devices].map(([deviceId, name]) => ({ deviceId, name }));
    const size = this.options.rowsPerStatement ?? 500;
    for (let from = 0; from < list.length; from += size) {
      await yieldToEventLoop();
      const keys = await queries.deviceKeys(list.slice(from, from + size), now);
      for (const [id, key] of keys) this.keys.set(id, key);
    }
  }

  private async ensurePartitions(
    queries: HistoryQueries,
    table: PartitionedTable,
    rows: ReadonlyArray<{ t: EpochMs }>,
  ) {
    const known = this.partitions.get(table) ?? new Set<number>();
    this.partitions.set(table, known);
    const days = [...new Set(rows.map((row) => dayOf(row.t)))].filter((day) => !known.has(day));
    // Tomorrow's too, so the first poll after midnight never waits for one.
    if (rows.length > 0) days.push(dayOf(this.now()) + 1);
    const missing = days.filter((day) => !known.has(day));
    if (missing.length === 0) return;
    await queries.ensurePartitions(table, missing);
    for (const day of missing) known.add(day);
  }

  private async cover(queries: HistoryQueries, polledAt: EpochMs) {
    const gap = GAP_INTERVALS * this.options.positionsIntervalMs;
    if (this.span && polledAt - this.span.to <= gap) {
      await queries.extendCoverage(this.span.id, polledAt);
      this.span.to = polledAt;
    } else {
      this.span = { id: await queries.startCoverage(polledAt, polledAt), to: polledAt };
    }
  }

  private async prune(queries: HistoryQueries, horizon: EpochMs) {
    for (const table of PARTITIONED_TABLES) {
      for (const day of await queries.partitionDays(table)) {
        if (day * DAY_MS >= horizon) continue;
        await queries.dropPartition(table, day);
        this.partitions.get(table)?.delete(day);
      }
    }
    await queries.pruneBefore(horizon);
  }
}

function seenOf(vehicle: LiveVehicle): Seen {
  return {
    fixTime: vehicle.fixTime,
    lat: toE5(vehicle.lat),
    lng: toE5(vehicle.lng),
    status: vehicle.status,
    name: vehicle.name,
  };
}

function pushBounded(list: number[], value: number, max: number) {
  list.push(value);
  if (list.length > max) list.shift();
}
