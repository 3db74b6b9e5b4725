/**
 * The fence occupancy board: per fence, who is inside now and since when, the day's visits and
 * their average dwell, and the dwell limit. Isomorphic: the server builds it (pure, below), the
 * dashboard shows it.
 */
import { isRestrictedFence } from "./geofence";
import type { EpochMs, Fence } from "./types";

export type FenceOccupancy = {
  fenceId: string;
  name: string;
  restricted: boolean;
  /** Seconds; null without a limit. */
  dwellLimitS: number | null;
  /** Vehicles inside now, longest first. */
  inside: Array<{ deviceId: string; name: string; since: EpochMs }>;
  /** Stays since the start of the day asked for (those still going included). */
  visits: number;
  /** Average length of the stays that ended since then, seconds; null if none did. */
  averageDwellS: number | null;
};

export type OccupancyBoard = { since: EpochMs; generatedAt: EpochMs; fences: FenceOccupancy[] };

export type StayRecord = {
  fenceId: string;
  deviceId: string;
  enteredAt: EpochMs;
  exitedAt: EpochMs | null;
};

/** Builds the board from the fences, the stays since `since` (and every open one) and the limits. */
export function occupancyBoard(
  fences: readonly Fence[],
  stays: readonly StayRecord[],
  limits: ReadonlyMap<string, number>,
  vehicleName: (id: string) => string,
  since: EpochMs,
  now: EpochMs,
): OccupancyBoard {
  const byFence = new Map<string, StayRecord[]>();
  for (const stay of stays) {
    const list = byFence.get(stay.fenceId) ?? [];
    list.push(stay);
    byFence.set(stay.fenceId, list);
  }
  return {
    since,
    generatedAt: now,
    fences: [...fences]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((fence) => {
        const list = byFence.get(fence.id) ?? [];
        const ended = list.filter((stay) => stay.exitedAt !== null && stay.exitedAt >= since);
        return {
          fenceId: fence.id,
          name: fence.name,
          restricted: isRestrictedFence(fence),
          dwellLimitS: limits.get(fence.id) ?? null,
          inside: list
            .filter((stay) => stay.exitedAt === null)
            .sort((a, b) => a.enteredAt - b.enteredAt)
            .map((stay) => ({
              deviceId: stay.deviceId,
              name: vehicleName(stay.deviceId),
              since: stay.enteredAt,
            })),
          visits: list.filter((stay) => stay.exitedAt === null || stay.exitedAt >= since).length,
          averageDwellS:
            ended.length === 0
              ? null
              : Math.round(
                  ended.reduce((sum, stay) => sum + (stay.exitedAt! - stay.enteredAt), 0) /
                    ended.length /
                    1000,
                ),
        };
      }),
  };
}
