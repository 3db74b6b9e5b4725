import "server-only";
import { and, asc, eq, gte, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { EpochMs } from "@/lib/fleet/types";
import type { Database } from "./database";
import { measured } from "./metrics";
import { fenceSettings, fenceVisits } from "./schema";

/** Fence stays (visits) and each fence's dwell limit: the occupancy board and "dwell exceeded". */

export type VisitSource = "positions" | "fleetup";

export type Visit = {
  fenceId: string;
  deviceId: string;
  enteredAt: EpochMs;
  exitedAt: EpochMs | null;
  dwellAlertedAt: EpochMs | null;
  source: VisitSource;
  restricted: boolean;
};

export type VisitKey = { fenceId: string; deviceId: string; enteredAt: EpochMs };

type VisitRow = typeof fenceVisits.$inferSelect;

const toVisit = (row: VisitRow): Visit => ({
  fenceId: row.fenceId,
  deviceId: row.deviceId,
  enteredAt: row.enteredAt.getTime(),
  exitedAt: row.exitedAt?.getTime() ?? null,
  dwellAlertedAt: row.dwellAlertedAt?.getTime() ?? null,
  source: row.source,
  restricted: row.restricted,
});

const iso = (t: EpochMs) => new Date(t).toISOString();

export function fenceOccupancyQueries(db: Database) {
  return measured("fence_occupancy", {
    /** Each fence's dwell limit in seconds, for fences that have one. */
    async dwellLimits(): Promise<Map<string, number>> {
      const rows = await db
        .select({ fenceId: fenceSettings.fenceId, limit: fenceSettings.dwellLimitS })
        .from(fenceSettings);
      return new Map(
        rows.flatMap((row) => (row.limit === null ? [] : [[row.fenceId, row.limit] as const])),
      );
    },

    /** Sets (or, with null, removes) a fence's dwell limit. */
    async setDwellLimit(
      fenceId: string,
      limitS: number | null,
      by: string,
      at: EpochMs,
    ): Promise<void> {
      const values = { fenceId, dwellLimitS: limitS, updatedBy: by, updatedAt: new Date(at) };
      await db
        .insert(fenceSettings)
        .values(values)
        .onConflictDoUpdate({
          target: fenceSettings.fenceId,
          set: { dwellLimitS: limitS, updatedBy: by, updatedAt: new Date(at) },
        });
    },

    /** Stays that have not ended. */
    async openVisits(): Promise<Visit[]> {
      const rows = await db.select().from(fenceVisits).where(isNull(fenceVisits.exitedAt));
      return rows.map(toVisit);
    },

    /** Stays open now, or that ended or began after `since`, oldest first. */
    async visitsSince(since: EpochMs): Promise<Visit[]> {
      const rows = await db
        .select()
        .from(fenceVisits)
        .where(
          or(
            isNull(fenceVisits.exitedAt),
            gte(fenceVisits.exitedAt, new Date(since)),
            gte(fenceVisits.enteredAt, new Date(since)),
          ),
        )
        .orderBy(asc(fenceVisits.enteredAt));
      return rows.map(toVisit);
    },

    /** A device's stays that overlap `from`..`to`, oldest first. */
    async deviceVisits(deviceId: string, from: EpochMs, to: EpochMs): Promise<Visit[]> {
      const rows = await db
        .select()
        .from(fenceVisits)
        .where(
          and(
            eq(fenceVisits.deviceId, deviceId),
            lte(fenceVisits.enteredAt, new Date(to)),
            or(isNull(fenceVisits.exitedAt), gte(fenceVisits.exitedAt, new Date(from))),
          ),
        )
        .orderBy(asc(fenceVisits.enteredAt));
      return rows.map(toVisit);
    },

    /** Records stays (open ones, or whole ones with their exit); a stay already held is kept. */
    async addVisits(visits: readonly Omit<Visit, "dwellAlertedAt">[]): Promise<void> {
      if (visits.length === 0) return;
      await db
        .insert(fenceVisits)
        .values(
          visits.map((visit) => ({
            ...visit,
            enteredAt: new Date(visit.enteredAt),
            exitedAt: visit.exitedAt === null ? null : new Date(visit.exitedAt),
          })),
        )
        .onConflictDoNothing();
    },

    /** Ends the open stays of these devices in these fences. */
    async closeVisits(
      exits: ReadonlyArray<{ fenceId: string; deviceId: string; exitedAt: EpochMs }>,
    ): Promise<void> {
      if (exits.length === 0) return;
      await db.execute(sql`
        update fence_visits v set exited_at = to_timestamp(u.x / 1000.0)
        from unnest(${sql.param(exits.map((e) => e.fenceId))}::text[],
          ${sql.param(exits.map((e) => e.deviceId))}::text[],
          ${sql.param(exits.map((e) => e.exitedAt))}::float8[]) as u(f, d, x)
        where v.fence_id = u.f and v.device_id = u.d and v.exited_at is null
          and v.entered_at <= to_timestamp(u.x / 1000.0)`);
    },

    /**
     * Moves an open stay's start earlier, when FleetUp's own fence alert saw the entry before
     * the positions did (the vehicle crossed between two polls).
     */
    async enteredEarlier(key: VisitKey, enteredAt: EpochMs): Promise<void> {
      await db
        .update(fenceVisits)
        .set({ enteredAt: new Date(enteredAt) })
        .where(
          and(
            eq(fenceVisits.fenceId, key.fenceId),
            eq(fenceVisits.deviceId, key.deviceId),
            eq(fenceVisits.enteredAt, new Date(key.enteredAt)),
            isNull(fenceVisits.exitedAt),
          ),
        );
    },

    /** Marks stays as alerted for their dwell (once per stay). */
    async markDwellAlerted(keys: readonly VisitKey[], at: EpochMs): Promise<void> {
      if (keys.length === 0) return;
      await db.execute(sql`
        update fence_visits v set dwell_alerted_at = ${iso(at)}::timestamptz
        from unnest(${sql.param(keys.map((k) => k.fenceId))}::text[],
          ${sql.param(keys.map((k) => k.deviceId))}::text[],
          ${sql.param(keys.map((k) => k.enteredAt))}::float8[]) as u(f, d, e)
        where v.fence_id = u.f and v.device_id = u.d and v.entered_at = to_timestamp(u.e / 1000.0)
          and v.dwell_alerted_at is null`);
    },

    /** Forgets stays that ended before `horizon`. */
    async pruneBefore(horizon: EpochMs): Promise<void> {
      await db.delete(fenceVisits).where(lt(fenceVisits.exitedAt, new Date(horizon)));
    },
  });
}

export type FenceOccupancyQueries = ReturnType<typeof fenceOccupancyQueries>;
