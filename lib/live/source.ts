import "server-only";
import type { FleetUpClient, Priority } from "@/lib/fleetup";
import type { Alert, Device, EpochMs, Fence, Position, Trip } from "@/lib/fleet/types";

/**
 * What the scheduler needs from upstream; the FleetUp adapter provides it. The poller's calls
 * take the scheduler's `signal`: when this instance stops polling, they stop calling FleetUp.
 */
export type FleetSource = {
  devices(signal?: AbortSignal): Promise<Device[]>;
  latestPositions(signal?: AbortSignal): Promise<Position[]>;
  ongoingTrips(signal?: AbortSignal): Promise<Trip[]>;
  alertsSince(since: EpochMs, deviceIds: readonly string[], signal?: AbortSignal): Promise<Alert[]>;
  fences(signal?: AbortSignal): Promise<Fence[]>;
  gpsHistory(
    deviceId: string,
    from: EpochMs,
    to: EpochMs,
    priority?: Priority,
  ): Promise<Position[]>;
};

export function fleetUpSource(client: FleetUpClient): FleetSource {
  return {
    devices: (signal) => client.getDevices({ signal }),
    latestPositions: (signal) => client.getLatestPositions({ signal }),
    ongoingTrips: (signal) => client.getOngoingTrips({ signal }),
    alertsSince: (since, deviceIds, signal) => client.getAlertsSince(since, deviceIds, { signal }),
    fences: (signal) => client.getFences({ signal }),
    gpsHistory: (deviceId, from, to, priority) =>
      client.getGpsHistory(deviceId, { from, to }, priority),
  };
}
