import "server-only";
import type { Database } from "@/lib/db/database";
import { reasonOf } from "@/lib/db/errors";
import {
  fenceOccupancyQueries,
  type Visit,
  type VisitKey,
  type VisitSource,
} from "@/lib/db/fence-occupancy";
import type { EventRow } from "@/lib/db/history";
import { fenceIndex, isRestrictedFence } from "@/lib/fleet/geofence";
import type { FleetDelta, LiveVehicle } from "@/lib/fleet/live";
import type { Alert, EpochMs, Fence } from "@/lib/fleet/types";
import { fenceEvent } from "./rows";

export type OccupancyOptions = {
  database: () => Promise<Database>;
  fences: () => readonly Fence[];
  vehicles: () => readonly LiveVehicle[];
  vehicle: (id: string) => LiveVehicle | undefined;
  /** Raises alerts into the live service's alert log ("dwell exceeded"). */
  raise: (alerts: Alert[]) => void;
  /** Fence entries and exits, for the recorded history. */
  onEvents?: (events: EventRow[]) => void;
  /** Stays that ended longer ago than this many days are forgotten (at least one). */
  keepDays: number;
  now?: () => EpochMs;
  log?: (line: string) => void;
};

type Open = { enteredAt: EpochMs; dwellAlertedAt: EpochMs | null; source: VisitSource };

/** Dwell limits set by an admin reach the leader within this long. */
const LIMITS_REFRESH_MS = 15_000;
/** A FleetUp entry this much earlier than ours is the same stay, seen sooner. */
const RECONCILE_MS = 10 * 60_000;

const keyOf = (fenceId: string, deviceId: string) => `${fenceId}\u0000${deviceId}`;

/** An alert id of letters, digits and . _ : - only (routes take alert ids in their path). */
const safe = (text: string) => text.replace(/[^A-Za-z0-9._-]/g, "_");

function minutes(ms: number): string {
  const total = Math.round(ms / 60_000);
  return total < 60 ? `${total} min` : `${Math.floor(total / 60)} h ${total % 60} min`;
}

/**
 * Which vehicles are inside which fence, on the leader: every changed position is tested
 * against the fence shapes (lib/fleet/geofence.ts); an entry opens a stay, an exit closes it,
 * both stored (fence_visits) and recorded as events. Fences whose shape is unknown take their
 * stays from FleetUp's fence alerts instead; for shaped ones, FleetUp's alerts reconcile ours (an
 * earlier entry time, a crossing between two polls). A stay longer than its fence's dwell limit
 * raises one "dwell exceeded" alert into the live alert log. Like the recording, the work runs
 * after the delta has gone out and nothing waits for it.
 */
export class OccupancyMonitor {
  /** Open stays by device, then fence. */
  private readonly open = new Map<string, Map<string, Open>>();
  private limits = new Map<string, number>();
  private limitsAt = 0;
  private prunedAt = 0;
  private indexed: { fences: readonly Fence[]; index: ReturnType<typeof fenceIndex> } | undefined;
  private readonly changed = new Map<string, LiveVehicle>();
  private readonly removed = new Set<string>();
  private readonly fenceAlerts: Alert[] = [];
  /** FleetUp entries into shaped fences not seen by the positions: a crossing between polls. */
  private readonly unmatched = new Map<string, EpochMs>();
  private checkDwell = false;
  private reevaluate = false;
  private ready: Promise<void> | undefined;
  private running = false;
  private stopped = false;
  private readonly now: () => EpochMs;

  constructor(private readonly options: OccupancyOptions) {
    this.now = options.now ?? Date.now;
  }

  observe(delta: FleetDelta): void {
    if (this.stopped) return;
    for (const vehicle of delta.vehicles?.upsert ?? []) this.changed.set(vehicle.id, vehicle);
    for (const id of delta.vehicles?.remove ?? []) this.removed.add(id);
    for (const alert of delta.alerts ?? []) {
      if (alert.fenceId && alert.deviceId && fenceMotion(alert)) this.fenceAlerts.push(alert);
    }
    if (delta.fences) this.reevaluate = true;
    if (delta.feeds?.positions) this.checkDwell = true;
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
  }

  /** Resolves once everything observed so far is handled (tests). */
  async settled(): Promise<void> {
    while (this.running || this.hasWork()) await new Promise((r) => setTimeout(r, 10));
  }

  private hasWork() {
    return (
      this.changed.size > 0 ||
      this.removed.size > 0 ||
      this.fenceAlerts.length > 0 ||
      this.reevaluate ||
      this.checkDwell
    );
  }

  private schedule() {
    if (this.running || !this.hasWork()) return;
    this.running = true;
    setImmediate(() => void this.run());
  }

  private async run() {
    try {
      while (this.hasWork() && !this.stopped) {
        try {
          await this.step();
        } catch (error) {
          this.options.log?.(`[occupancy] could not update fence stays (${reasonOf(error)})`);
          this.ready = undefined; // read the stays again before the next step
          await new Promise((resolve) => setTimeout(resolve, 1_000));
        }
      }
    } finally {
      this.running = false;
    }
  }

  private async step() {
    const queries = fenceOccupancyQueries(await this.options.database());
    this.ready ??= this.load(queries);
    await this.ready;
    const fences = this.options.fences();
    const byId = new Map(fences.map((fence) => [fence.id, fence]));
    if (this.indexed?.fences !== fences) {
      this.indexed = { fences, index: fenceIndex(fences) };
      this.reevaluate = true;
    }
    const vehicles = this.reevaluate ? this.options.vehicles() : [...this.changed.values()];
    this.reevaluate = false;
    this.changed.clear();
    const removed = [...this.removed];
    this.removed.clear();
    const alerts = this.fenceAlerts.splice(0);

    const opened: Visit[] = [];
    const closed: Array<{ fenceId: string; deviceId: string; exitedAt: EpochMs }> = [];
    const events: EventRow[] = [];
    const name = (id: string) => byId.get(id)?.name ?? id;
    const enter = (fenceId: string, deviceId: string, at: EpochMs, source: VisitSource) => {
      const stays = this.staysOf(deviceId);
      if (stays.has(fenceId)) return;
      stays.set(fenceId, { enteredAt: at, dwellAlertedAt: null, source });
      const fence = byId.get(fenceId);
      opened.push({
        fenceId,
        deviceId,
        enteredAt: at,
        exitedAt: null,
        dwellAlertedAt: null,
        source,
        restricted: fence ? isRestrictedFence(fence) : false,
      });
      events.push(fenceEvent("fence_enter", { fenceId, fenceName: name(fenceId), deviceId }, at));
    };
    const exit = (fenceId: string, deviceId: string, at: EpochMs) => {
      const stays = this.open.get(deviceId);
      const stay = stays?.get(fenceId);
      if (!stays || !stay) return;
      stays.delete(fenceId);
      const exitedAt = Math.max(at, stay.enteredAt);
      closed.push({ fenceId, deviceId, exitedAt });
      events.push(
        fenceEvent("fence_exit", { fenceId, fenceName: name(fenceId), deviceId }, exitedAt),
      );
    };

    for (const vehicle of vehicles) {
      const inside = new Set(
        this.indexed.index.containing([vehicle.lat, vehicle.lng]).map((f) => f.id),
      );
      for (const [fenceId, stay] of this.staysOf(vehicle.id)) {
        const shaped = byId.get(fenceId)?.kind !== "unknown" && byId.has(fenceId);
        if (stay.source === "positions" || shaped) {
          if (!inside.has(fenceId)) exit(fenceId, vehicle.id, vehicle.fixTime);
        }
      }
      for (const fenceId of inside) enter(fenceId, vehicle.id, vehicle.fixTime, "positions");
    }
    for (const id of removed) {
      for (const fenceId of [...this.staysOf(id).keys()]) exit(fenceId, id, this.now());
    }
    // Stays in fences that no longer exist end now.
    for (const [deviceId, stays] of this.open) {
      for (const fenceId of [...stays.keys()]) {
        if (!byId.has(fenceId)) exit(fenceId, deviceId, this.now());
      }
    }
    const earlier = this.reconcile(alerts, byId, enter, exit, opened);

    const dwell = this.checkDwell ? await this.dwellAlerts(queries, byId) : [];
    this.checkDwell = false;
    await queries.addVisits(opened);
    await queries.closeVisits(closed);
    for (const [key, at] of earlier) await queries.enteredEarlier(key, at);
    if (dwell.length > 0) {
      await queries.markDwellAlerted(
        dwell.map(({ key }) => key),
        this.now(),
      );
      this.options.raise(dwell.map(({ alert }) => alert));
    }
    if (events.length > 0) this.options.onEvents?.(events);
    if (this.now() - this.prunedAt >= 3_600_000) {
      this.prunedAt = this.now();
      await queries.pruneBefore(this.now() - Math.max(1, this.options.keepDays) * 86_400_000);
    }
  }

  /**
   * FleetUp's own fence alerts: for a fence without a known shape they are the stays; for a
   * shaped one they correct ours (an earlier entry) or add a crossing both polls missed.
   */
  private reconcile(
    alerts: readonly Alert[],
    byId: ReadonlyMap<string, Fence>,
    enter: (fenceId: string, deviceId: string, at: EpochMs, source: VisitSource) => void,
    exit: (fenceId: string, deviceId: string, at: EpochMs) => void,
    opened: Visit[],
  ): Array<[VisitKey, EpochMs]> {
    const earlier: Array<[VisitKey, EpochMs]> = [];
    for (const alert of [...alerts].sort((a, b) => a.time - b.time)) {
      const fenceId = alert.fenceId!;
      const deviceId = alert.deviceId!;
      const fence = byId.get(fenceId);
      const motion = fenceMotion(alert);
      const shaped = fence !== undefined && fence.kind !== "unknown";
      if (!shaped) {
        if (motion === "enter" || motion === "visit")
          enter(fenceId, deviceId, alert.time, "fleetup");
        if (motion === "exit") exit(fenceId, deviceId, alert.time);
        if (motion === "visit" && alert.endTime !== undefined)
          exit(fenceId, deviceId, alert.endTime);
        continue;
      }
      const stay = this.open.get(deviceId)?.get(fenceId);
      const key = keyOf(fenceId, deviceId);
      if (motion === "enter") {
        if (stay && alert.time < stay.enteredAt && stay.enteredAt - alert.time <= RECONCILE_MS) {
          const newlyOpened = opened.find((v) => v.fenceId === fenceId && v.deviceId === deviceId);
          if (newlyOpened) newlyOpened.enteredAt = alert.time;
          else earlier.push([{ fenceId, deviceId, enteredAt: stay.enteredAt }, alert.time]);
          stay.enteredAt = alert.time;
        } else if (!stay) {
          this.unmatched.set(key, alert.time);
        }
      } else if (motion === "exit") {
        const entered = this.unmatched.get(key);
        this.unmatched.delete(key);
        if (!stay && entered !== undefined && entered <= alert.time) {
          // In and out between two polls: a stay the positions never showed.
          opened.push({
            fenceId,
            deviceId,
            enteredAt: entered,
            exitedAt: alert.time,
            dwellAlertedAt: null,
            source: "fleetup",
            restricted: isRestrictedFence(fence),
          });
        }
      }
    }
    const horizon = this.now() - 3_600_000;
    for (const [key, at] of this.unmatched) if (at < horizon) this.unmatched.delete(key);
    return earlier;
  }

  private async dwellAlerts(
    queries: ReturnType<typeof fenceOccupancyQueries>,
    byId: ReadonlyMap<string, Fence>,
  ): Promise<Array<{ key: VisitKey; alert: Alert }>> {
    const now = this.now();
    if (now - this.limitsAt >= LIMITS_REFRESH_MS) {
      this.limits = await queries.dwellLimits();
      this.limitsAt = now;
    }
    const raised: Array<{ key: VisitKey; alert: Alert }> = [];
    for (const [deviceId, stays] of this.open) {
      for (const [fenceId, stay] of stays) {
        const limitS = this.limits.get(fenceId);
        if (limitS === undefined || stay.dwellAlertedAt !== null) continue;
        if (now - stay.enteredAt < limitS * 1000) continue;
        stay.dwellAlertedAt = now;
        const fence = byId.get(fenceId);
        const vehicle = this.options.vehicle(deviceId);
        const fenceName = fence?.name ?? fenceId;
        raised.push({
          key: { fenceId, deviceId, enteredAt: stay.enteredAt },
          alert: {
            id: `dwell-${stay.enteredAt}-${safe(deviceId)}-${safe(fenceId)}`,
            deviceId,
            type: "dwell_exceeded",
            severity: fence && isRestrictedFence(fence) ? "critical" : "warning",
            time: now,
            ...(vehicle ? { position: [vehicle.lat, vehicle.lng] as const } : {}),
            fenceId,
            fenceName,
            message: `${vehicle?.name ?? deviceId} has been in ${fenceName} for ${minutes(now - stay.enteredAt)} (limit ${minutes(limitS * 1000)})`,
          },
        });
      }
    }
    return raised;
  }

  private staysOf(deviceId: string): Map<string, Open> {
    let stays = this.open.get(deviceId);
    if (!stays) {
      stays = new Map();
      this.open.set(deviceId, stays);
    }
    return stays;
  }

  /** The open stays as stored, so a new leader carries on where the last one left off. */
  private async load(queries: ReturnType<typeof fenceOccupancyQueries>) {
    this.open.clear();
    for (const visit of await queries.openVisits()) {
      this.staysOf(visit.deviceId).set(visit.fenceId, {
        enteredAt: visit.enteredAt,
        dwellAlertedAt: visit.dwellAlertedAt,
        source: visit.source,
      });
    }
    this.reevaluate = true;
  }
}

/** What a FleetUp fence alert says: an entry, an exit, or a whole visit ("geofence"). */
function fenceMotion(alert: Alert): "enter" | "exit" | "visit" | undefined {
  if (alert.type === "geofence") return "visit";
  if (/exit|leave|left|out/i.test(alert.type)) return "exit";
  if (/enter|entry|arriv|in$/i.test(alert.type)) return "enter";
  return undefined;
}
