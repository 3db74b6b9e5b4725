import "server-only";
import type { LiveVehicle } from "@/lib/fleet/live";
import { deriveStatus, fixAgeMs, type StatusThresholds } from "@/lib/fleet/status";
import type { Device, EpochMs, Position, Trip } from "@/lib/fleet/types";

/** A vehicle absent from this many successful polls in a row is removed from the map. */
export const MISSED_POLLS_BEFORE_REMOVAL = 3;

type Tracked = { vehicle: LiveVehicle; missedPolls: number };

export type VehicleChanges = { upsert: LiveVehicle[]; remove: string[] };

/**
 * The vehicles the map shows: the latest good fix of each device joined with its device details
 * and its ongoing trip. Each update returns only what changed, so an unchanged vehicle costs
 * nothing downstream. A record FleetUp sent garbage for this time was dropped by the adapter;
 * the vehicle keeps its last good fix until it has been missing for several polls.
 */
export class VehicleTable {
  private readonly tracked = new Map<string, Tracked>();
  private devices = new Map<string, Device>();
  private tripByDevice = new Map<string, string>();

  constructor(private readonly thresholds: StatusThresholds) {}

  list(): LiveVehicle[] {
    return [...this.tracked.values()].map((entry) => entry.vehicle);
  }

  get(id: string): LiveVehicle | undefined {
    return this.tracked.get(id)?.vehicle;
  }

  /** Takes over the vehicles another instance was serving (after a failover). */
  load(vehicles: readonly LiveVehicle[]): void {
    this.tracked.clear();
    for (const vehicle of vehicles) this.tracked.set(vehicle.id, { vehicle, missedPolls: 0 });
  }

  applyPositions(positions: readonly Position[], now: EpochMs): VehicleChanges {
    const changes: VehicleChanges = { upsert: [], remove: [] };
    const seen = new Set<string>();
    for (const position of positions) {
      seen.add(position.deviceId);
      const entry = this.tracked.get(position.deviceId);
      const next = this.build(position, entry?.vehicle, now);
      if (entry) entry.missedPolls = 0;
      this.commit(position.deviceId, next, entry, changes);
    }
    for (const [id, entry] of this.tracked) {
      if (seen.has(id)) continue;
      entry.missedPolls += 1;
      if (entry.missedPolls >= MISSED_POLLS_BEFORE_REMOVAL) {
        this.tracked.delete(id);
        changes.remove.push(id);
        continue;
      }
      // Time passes for a vehicle FleetUp did not mention: it may now be offline.
      this.commit(id, this.withStatus(entry.vehicle, now), entry, changes);
    }
    return changes;
  }

  applyDevices(devices: readonly Device[]): VehicleChanges {
    this.devices = new Map(devices.map((device) => [device.id, device]));
    return this.relabel();
  }

  applyTrips(trips: readonly Trip[]): VehicleChanges {
    this.tripByDevice = new Map(trips.map((trip) => [trip.deviceId, trip.id]));
    return this.relabel();
  }

  private relabel(): VehicleChanges {
    const changes: VehicleChanges = { upsert: [], remove: [] };
    for (const [id, entry] of this.tracked) {
      this.commit(id, { ...entry.vehicle, ...this.details(id) }, entry, changes);
    }
    return changes;
  }

  private commit(
    id: string,
    next: LiveVehicle,
    entry: Tracked | undefined,
    changes: VehicleChanges,
  ) {
    if (entry && sameVehicle(entry.vehicle, next)) return;
    if (entry) entry.vehicle = next;
    else this.tracked.set(id, { vehicle: next, missedPolls: 0 });
    changes.upsert.push(next);
  }

  private build(position: Position, previous: LiveVehicle | undefined, now: EpochMs): LiveVehicle {
    const samePlace =
      previous !== undefined && previous.lat === position.lat && previous.lng === position.lng;
    // Without a fix time from FleetUp, a fix is as old as the first poll that saw it there.
    const fixTime = position.fixTime ?? (samePlace ? previous.fixTime : now);
    const base: LiveVehicle = {
      id: position.deviceId,
      lat: position.lat,
      lng: position.lng,
      speedKph: position.speedKph,
      headingDeg: position.headingDeg,
      fixTime,
      status: "stopped",
      statusSince: now,
      ...this.details(position.deviceId),
    };
    const status = deriveStatus(position, fixAgeMs(fixTime, now), this.thresholds);
    return withStatusSince(base, status, previous, now);
  }

  private withStatus(vehicle: LiveVehicle, now: EpochMs): LiveVehicle {
    const status = deriveStatus(vehicle, fixAgeMs(vehicle.fixTime, now), this.thresholds);
    return status === vehicle.status ? vehicle : withStatusSince(vehicle, status, vehicle, now);
  }

  private details(
    id: string,
  ): Pick<LiveVehicle, "name" | "plate" | "driver" | "deviceType" | "tripId"> {
    const device = this.devices.get(id);
    return {
      name: device?.name ?? id,
      plate: device?.plate,
      driver: device?.driver,
      deviceType: device?.deviceType,
      tripId: this.tripByDevice.get(id),
    };
  }
}

function withStatusSince(
  vehicle: LiveVehicle,
  status: LiveVehicle["status"],
  previous: LiveVehicle | undefined,
  now: EpochMs,
): LiveVehicle {
  const statusSince = previous?.status === status ? previous.statusSince : now;
  return { ...vehicle, status, statusSince };
}

const COMPARED: (keyof LiveVehicle)[] = [
  "lat",
  "lng",
  "speedKph",
  "headingDeg",
  "fixTime",
  "status",
  "statusSince",
  "name",
  "plate",
  "driver",
  "deviceType",
  "tripId",
];

function sameVehicle(a: LiveVehicle, b: LiveVehicle): boolean {
  return COMPARED.every((key) => a[key] === b[key]);
}
