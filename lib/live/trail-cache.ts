import "server-only";
import type { Trail } from "@/lib/fleet/live";
import type { EpochMs } from "@/lib/fleet/types";
import type { FleetSource } from "./source";

export const TRAIL_WINDOW_MS = 60 * 60_000;
export const TRAIL_FRESH_MS = 60_000;
export const TRAIL_CACHE_VEHICLES = 200;

/**
 * A vehicle's recent trail, fetched from FleetUp only when someone opens that vehicle, once a
 * minute at most per vehicle however many people look, and one request in flight per vehicle.
 * It goes through the same request budget as everything else, at normal priority.
 */
export class TrailCache {
  private readonly entries = new Map<string, { trail?: Trail; pending?: Promise<Trail> }>();

  constructor(
    private readonly source: FleetSource,
    private readonly now: () => EpochMs = Date.now,
  ) {}

  async get(deviceId: string): Promise<Trail> {
    const entry = this.entries.get(deviceId) ?? {};
    if (entry.trail && this.now() - entry.trail.fetchedAt < TRAIL_FRESH_MS) return entry.trail;
    if (entry.pending) return entry.pending;
    const to = this.now();
    const from = to - TRAIL_WINDOW_MS;
    entry.pending = this.source
      .gpsHistory(deviceId, from, to)
      .then((positions) => {
        const trail: Trail = {
          points: positions.map((p) => [p.lat, p.lng, p.fixTime ?? to]),
          from,
          to,
          fetchedAt: this.now(),
        };
        entry.trail = trail;
        return trail;
      })
      .finally(() => {
        entry.pending = undefined;
      });
    this.entries.delete(deviceId);
    this.entries.set(deviceId, entry);
    if (this.entries.size > TRAIL_CACHE_VEHICLES) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return entry.pending;
  }
}
