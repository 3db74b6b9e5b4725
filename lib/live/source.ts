import "server-only";
import type { FleetUpClient, Priority } from "@/lib/fleetup";
import type { Alert, Device, EpochMs, Fence, Position, Trip } from "@/lib/fleet/types";

/** What the scheduler needs from upstream; the FleetUp adapter provides it. */
export type FleetSource = {
  devices(): Promise<Device[]>;
  latestPositions(): Promise<Position[]>;
  ongoingTrips(): Promise<Trip[]>;
  alertsSince(since: EpochMs, deviceIds: readonly string[]): Promise<Alert[]>;
  fences(): Promise<Fence[]>;
  gpsHistory(
    deviceId: string,
    from: EpochMs,
    to: EpochMs,
    priority?: Priority,
  ): Promise<Position[]>;
};

export function fleetUpSource(client: FleetUpClient): FleetSource {
  return {
    devices: () => client.getDevices(),
    latestPositions: () => client.getLatestPositions(),
    ongoingTrips: () => client.getOngoingTrips(),
    alertsSince: (since, deviceIds) => client.getAlertsSince(since, deviceIds),
    fences: () => client.getFences(),
    gpsHistory: (deviceId, from, to, priority) =>
      client.getGpsHistory(deviceId, { from, to }, priority),
  };
}
