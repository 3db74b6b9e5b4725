import "server-only";
import { and, asc, eq, gte, inArray, lt, lte, sql } from "drizzle-orm";
import type { EpochMs } from "@/lib/fleet/types";
import type { Database } from "./database";
import { measured } from "./metrics";
import { selectRows, sqlState } from "./raw";
import { historyBackfills, historyCoverage, historyDevices } from "./schema";

/**
 * Recorded history: positions and events in tables partitioned by day (made by a custom
 * migration; see lib/db/README.md), the devices they name, the spans the recording covers and
 * the spans asked from FleetUp to fill what it did not. Positions are stored compactly
 * (`PositionRow`); lib/history turns them into what routes answer.
 */

export const DAY_MS = 86_400_000;
/** A day's first row of each device is its keyframe, so "where was it at t" never looks further back. */
export const KEYFRAME_LOOKBACK_MS = DAY_MS + 2 * 3_600_000;

export type PartitionedTable = "history_positions" | "history_events";
export const PARTITIONED_TABLES: readonly PartitionedTable[] = [
  "history_positions",
  "history_events",
];

/** A recorded position as stored: see the custom migration for the units. */
export type PositionRow = {
  t: EpochMs;
  key: number;
  /** Latitude and longitude in 1e-5 degrees. */
  lat: number;
  lng: number;
  /** On a keyframe: how long before `t` the fix was taken, seconds. */
  ageS: number | null;
  /** Tenths of km/h. */
  speedDkph: number | null;
  heading: number | null;
  /** 0 moving, 1 idle, 2 stopped, 3 offline. */
  status: number;
};

export type EventKind =
  "status" | "trip_start" | "trip_end" | "alert" | "fence_enter" | "fence_exit";

export type EventRow = {
  t: EpochMs;
  kind: EventKind;
  ref: string;
  deviceId: string | null;
  data: Record<string, unknown>;
};

export type Span = { from: EpochMs; to: EpochMs };
export type BackfillSpan = Span & { state: "pending" | "done" | "failed"; askedAt: EpochMs };

/** The UTC day (days since 1970) a time falls on: the partition it is stored in. */
export const dayOf = (t: EpochMs) => Math.floor(t / DAY_MS);

function partitionName(table: PartitionedTable, day: number): string {
  return `${table}_d${new Date(day * DAY_MS).toISOString().slice(0, 10).replaceAll("-", "")}`;
}

const iso = (t: EpochMs) => new Date(t).toISOString();
const at = (t: EpochMs) => sql`${iso(t)}::timestamptz`;
/** A timestamp column as epoch milliseconds (a float8, which both drivers read as a number). */
const epochMs = (column: string) => `(extract(epoch from ${column}) * 1000)::float8`;

type RawPosition = {
  t: number;
  key: number;
  lat: number;
  lng: number;
  age_s: number | null;
  speed_dkph: number | null;
  heading: number | null;
  status: number;
};

type TrackTuple = [
  t: number,
  key: number,
  lat: number,
  lng: number,
  ageS: number | null,
  speedDkph: number | null,
  heading: number | null,
  status: number,
];

const toPosition = (row: RawPosition): PositionRow => ({
  t: row.t,
  key: row.key,
  lat: row.lat,
  lng: row.lng,
  ageS: row.age_s,
  speedDkph: row.speed_dkph,
  heading: row.heading,
  status: row.status,
});

const POSITION_COLUMNS = sql.raw(
  `${epochMs("p.t")} as t, p.device_key as key, p.lat, p.lng, p.age_s, p.speed_dkph, p.heading, p.status`,
);

export function historyQueries(db: Database) {
  return measured("history", {
    /**
     * Makes the day partitions `days` of `table` (those that exist are left alone; another
     * instance making the same one at the same moment is not an error).
     */
    async ensurePartitions(table: PartitionedTable, days: readonly number[]): Promise<void> {
      for (const day of days) {
        const name = partitionName(table, day);
        try {
          await db.execute(
            sql.raw(
              `create table if not exists "${name}" partition of "${table}" for values from ('${iso(day * DAY_MS)}') to ('${iso((day + 1) * DAY_MS)}')`,
            ),
          );
        } catch (error) {
          // 42P07: made meanwhile by another instance; 23505: the same race seen in pg_type.
          if (!["42P07", "23505"].includes(sqlState(error) ?? "")) throw error;
        }
      }
    },

    /** The days `table` holds, oldest first. */
    async partitionDays(table: PartitionedTable): Promise<number[]> {
      const rows = await selectRows<{ name: string }>(
        db,
        sql`select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid join pg_class p on p.oid = i.inhparent where p.relname = ${table}`,
      );
      return rows
        .map(({ name }) => /_d(\d{4})(\d{2})(\d{2})$/.exec(name))
        .filter((match): match is RegExpExecArray => match !== null)
        .map(([, y, m, d]) => dayOf(Date.UTC(Number(y), Number(m) - 1, Number(d))))
        .sort((a, b) => a - b);
    },

    /** Drops a whole day of `table`: the cheap way to forget it. */
    async dropPartition(table: PartitionedTable, day: number): Promise<void> {
      await db.execute(sql.raw(`drop table if exists "${partitionName(table, day)}"`));
    },

    /** Forgets spans, claims and devices that ended before `horizon`. */
    async pruneBefore(horizon: EpochMs): Promise<void> {
      const before = new Date(horizon);
      await db.delete(historyCoverage).where(lt(historyCoverage.toAt, before));
      await db.delete(historyBackfills).where(lt(historyBackfills.toAt, before));
      await db.delete(historyDevices).where(lt(historyDevices.lastSeenAt, before));
    },

    /**
     * Each device's key, adding the devices not seen before; a name given replaces the one held,
     * and `seenAt` moves each device's last sighting forward.
     */
    async deviceKeys(
      devices: ReadonlyArray<{ deviceId: string; name?: string }>,
      seenAt: EpochMs,
    ): Promise<Map<string, number>> {
      if (devices.length === 0) return new Map();
      const when = new Date(seenAt);
      const rows = await db
        .insert(historyDevices)
        .values(
          devices.map(({ deviceId, name }) => ({
            deviceId,
            name: name ?? null,
            firstSeenAt: when,
            lastSeenAt: when,
          })),
        )
        .onConflictDoUpdate({
          target: historyDevices.deviceId,
          set: {
            name: sql`coalesce(excluded.name, ${historyDevices.name})`,
            lastSeenAt: sql`greatest(excluded.last_seen_at, ${historyDevices.lastSeenAt})`,
          },
        })
        .returning({ key: historyDevices.key, deviceId: historyDevices.deviceId });
      return new Map(rows.map((row) => [row.deviceId, row.key]));
    },

    /** Keys of devices already recorded (none added). */
    async findDevices(
      deviceIds: readonly string[],
    ): Promise<Array<{ key: number; deviceId: string; name: string | null }>> {
      if (deviceIds.length === 0) return [];
      return db
        .select({
          key: historyDevices.key,
          deviceId: historyDevices.deviceId,
          name: historyDevices.name,
        })
        .from(historyDevices)
        .where(inArray(historyDevices.deviceId, [...deviceIds]));
    },

    async allDevices(): Promise<Array<{ key: number; deviceId: string; name: string | null }>> {
      return db
        .select({
          key: historyDevices.key,
          deviceId: historyDevices.deviceId,
          name: historyDevices.name,
        })
        .from(historyDevices)
        .orderBy(asc(historyDevices.key));
    },

    /** Stores positions (one statement; the caller keeps it to a few hundred rows). */
    async insertPositions(rows: readonly PositionRow[]): Promise<void> {
      if (rows.length === 0) return;
      const column = <K extends keyof PositionRow>(key: K) =>
        sql.param(rows.map((row) => row[key]));
      await db.execute(sql`
        insert into history_positions (t, device_key, lat, lng, age_s, speed_dkph, heading, status)
        select to_timestamp(u.t / 1000.0), u.k, u.la, u.ln, u.a, u.s, u.h, u.st
        from unnest(${column("t")}::float8[], ${column("key")}::int[], ${column("lat")}::int[],
          ${column("lng")}::int[], ${column("ageS")}::int[], ${column("speedDkph")}::smallint[],
          ${column("heading")}::smallint[], ${column("status")}::smallint[])
          as u(t, k, la, ln, a, s, h, st)
        on conflict do nothing`);
    },

    /** Stores events (one statement); an event already stored is left as it is. */
    async insertEvents(rows: readonly EventRow[]): Promise<void> {
      if (rows.length === 0) return;
      await db.execute(sql`
        insert into history_events (t, kind, ref, device_id, data)
        select to_timestamp(u.t / 1000.0), u.kind, u.ref, u.device_id, u.data
        from unnest(${sql.param(rows.map((r) => r.t))}::float8[],
          ${sql.param(rows.map((r) => r.kind))}::text[], ${sql.param(rows.map((r) => r.ref))}::text[],
          ${sql.param(rows.map((r) => r.deviceId))}::text[],
          ${sql.param(rows.map((r) => JSON.stringify(r.data)))}::jsonb[])
          as u(t, kind, ref, device_id, data)
        on conflict do nothing`);
    },

    /**
     * A device's positions from `from` to `to`, oldest first, led by where it was at `from`. The
     * rows come back as one JSON array (a day is thousands of rows: one value to decode is several
     * times faster than as many rows).
     */
    async track(key: number, from: EpochMs, to: EpochMs): Promise<PositionRow[]> {
      const [result] = await selectRows<{ rows: TrackTuple[] | string }>(
        db,
        sql`select coalesce(json_agg(json_build_array(p.t, p.key, p.lat, p.lng, p.age_s,
              p.speed_dkph, p.heading, p.status) order by p.t), '[]'::json) as rows
            from ((select ${POSITION_COLUMNS} from history_positions p
              where p.device_key = ${key} and p.t < ${at(from)} and p.t >= ${at(from - KEYFRAME_LOOKBACK_MS)}
              order by p.t desc limit 1)
            union all
            (select ${POSITION_COLUMNS} from history_positions p
              where p.device_key = ${key} and p.t >= ${at(from)} and p.t <= ${at(to)})) p`,
      );
      const tuples = typeof result?.rows === "string" ? JSON.parse(result.rows) : result?.rows;
      return ((tuples ?? []) as TrackTuple[]).map(
        ([t, deviceKey, lat, lng, ageS, speedDkph, heading, status]) => ({
          t,
          key: deviceKey,
          lat,
          lng,
          ageS,
          speedDkph,
          heading,
          status,
        }),
      );
    },

    /** Where every recorded device was at `t`: each one's latest row at or before it. */
    async fleetAt(
      t: EpochMs,
    ): Promise<Array<PositionRow & { deviceId: string; name: string | null }>> {
      const rows = await selectRows<RawPosition & { device_id: string; name: string | null }>(
        db,
        sql`select d.device_id, d.name, latest.* from history_devices d
            cross join lateral (
              select ${POSITION_COLUMNS} from history_positions p
              where p.device_key = d.key and p.t <= ${at(t)} and p.t > ${at(t - KEYFRAME_LOOKBACK_MS)}
              order by p.t desc limit 1) latest`,
      );
      return rows.map((row) => ({ ...toPosition(row), deviceId: row.device_id, name: row.name }));
    },

    /** Every device's positions after `from` up to `to`, oldest first, at most `limit`. */
    async fleetChanges(from: EpochMs, to: EpochMs, limit: number): Promise<PositionRow[]> {
      const rows = await selectRows<RawPosition>(
        db,
        sql`select ${POSITION_COLUMNS} from history_positions p
            where p.t > ${at(from)} and p.t <= ${at(to)} order by p.t limit ${limit}`,
      );
      return rows.map(toPosition);
    },

    /** Events from `from` to `to`, oldest first: one device's (with `deviceId`) or all. */
    async events(
      from: EpochMs,
      to: EpochMs,
      options: { deviceId?: string; kinds?: readonly EventKind[]; limit?: number } = {},
    ): Promise<EventRow[]> {
      const rows = await selectRows<{
        t: number;
        kind: EventKind;
        ref: string;
        device_id: string | null;
        data: Record<string, unknown> | string;
      }>(
        db,
        sql`select ${sql.raw(epochMs("t"))} as t, kind, ref, device_id, data from history_events
            where t >= ${at(from)} and t <= ${at(to)}
            ${options.deviceId === undefined ? sql`` : sql`and device_id = ${options.deviceId}`}
            ${options.kinds ? sql`and kind = any(${sql.param([...options.kinds])}::text[])` : sql``}
            order by t limit ${options.limit ?? 100_000}`,
      );
      return rows.map((row) => ({
        t: row.t,
        kind: row.kind,
        ref: row.ref,
        deviceId: row.device_id,
        data: typeof row.data === "string" ? JSON.parse(row.data) : row.data,
      }));
    },

    /** Starts a span of recording; its id, to extend it. */
    async startCoverage(from: EpochMs, to: EpochMs): Promise<number> {
      const [row] = await db
        .insert(historyCoverage)
        .values({ fromAt: new Date(from), toAt: new Date(to) })
        .returning({ id: historyCoverage.id });
      return row!.id;
    },

    async extendCoverage(id: number, to: EpochMs): Promise<void> {
      await db
        .update(historyCoverage)
        .set({ toAt: sql`greatest(${historyCoverage.toAt}, ${iso(to)}::timestamptz)` })
        .where(eq(historyCoverage.id, id));
    },

    /** The spans of recording that touch `from`..`to`, oldest first. */
    async coverage(from: EpochMs, to: EpochMs): Promise<Span[]> {
      const rows = await db
        .select({ from: historyCoverage.fromAt, to: historyCoverage.toAt })
        .from(historyCoverage)
        .where(
          and(gte(historyCoverage.toAt, new Date(from)), lte(historyCoverage.fromAt, new Date(to))),
        )
        .orderBy(asc(historyCoverage.fromAt));
      return rows.map((row) => ({ from: row.from.getTime(), to: row.to.getTime() }));
    },

    /** The spans of `deviceId` claimed from FleetUp that touch `from`..`to`. */
    async backfills(deviceId: string, from: EpochMs, to: EpochMs): Promise<BackfillSpan[]> {
      const rows = await db
        .select()
        .from(historyBackfills)
        .where(
          and(
            eq(historyBackfills.deviceId, deviceId),
            gte(historyBackfills.toAt, new Date(from)),
            lte(historyBackfills.fromAt, new Date(to)),
          ),
        )
        .orderBy(asc(historyBackfills.fromAt));
      return rows.map((row) => ({
        from: row.fromAt.getTime(),
        to: row.toAt.getTime(),
        state: row.state,
        askedAt: row.askedAt.getTime(),
      }));
    },

    /**
     * Claims a span of a device's track to ask FleetUp for: true when this caller is the one to
     * ask (nobody claimed it, or the last ask failed before `retryFailedBefore`).
     */
    async claimBackfill(
      deviceId: string,
      span: Span,
      now: EpochMs,
      retryFailedBefore: EpochMs,
    ): Promise<boolean> {
      const claimed = await db
        .insert(historyBackfills)
        .values({
          deviceId,
          fromAt: new Date(span.from),
          toAt: new Date(span.to),
          state: "pending",
          askedAt: new Date(now),
        })
        .onConflictDoUpdate({
          target: [historyBackfills.deviceId, historyBackfills.fromAt],
          set: { state: "pending", askedAt: new Date(now), toAt: new Date(span.to) },
          setWhere: sql`${historyBackfills.state} = 'failed' and ${historyBackfills.askedAt} < ${iso(retryFailedBefore)}::timestamptz`,
        })
        .returning({ deviceId: historyBackfills.deviceId });
      return claimed.length > 0;
    },

    async finishBackfill(
      deviceId: string,
      from: EpochMs,
      outcome: { state: "done" | "failed"; points: number },
    ): Promise<void> {
      await db
        .update(historyBackfills)
        .set(outcome)
        .where(
          and(eq(historyBackfills.deviceId, deviceId), eq(historyBackfills.fromAt, new Date(from))),
        );
    },

    /** Bytes the recorded history takes (tables and indexes), for the bench and health. */
    async sizeBytes(): Promise<number> {
      const [row] = await selectRows<{ bytes: number }>(
        db,
        sql`select coalesce(sum(pg_total_relation_size(c.oid)), 0)::float8 as bytes
            from pg_class c where c.relkind = 'r' and (c.relname like 'history\\_%' escape '\\')`,
      );
      return row?.bytes ?? 0;
    },
  });
}

export type HistoryQueries = ReturnType<typeof historyQueries>;
