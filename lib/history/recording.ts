import "server-only";
import { serverDatabase } from "@/lib/db/server";
import type { FleetDelta } from "@/lib/fleet/live";
import type { Alert } from "@/lib/fleet/types";
import type { FleetMirror } from "@/lib/live/mirror";
import { OccupancyMonitor } from "./occupancy";
import { Recorder } from "./recorder";

/** What the leader runs beside its poller: the recording (unless HISTORY_DAYS=0) and fence occupancy. */
export type Recording = {
  observe(delta: FleetDelta): void;
  stop(): void;
  recorder?: Recorder;
  occupancy: OccupancyMonitor;
};

/**
 * Starts the leader's recording. `mirror` is what the leader publishes (on the leader it holds
 * the poller's every version); `raise` puts the product's own alerts into the live alert log.
 */
export function startRecording(options: {
  mirror: FleetMirror;
  historyDays: number;
  positionsIntervalMs: number;
  raise: (alerts: Alert[]) => void;
  log?: (line: string) => void;
}): Recording {
  const { mirror } = options;
  const vehicles = () => mirror.snapshot().vehicles;
  const vehicle = (id: string) => mirror.vehicle(id);
  const recorder =
    options.historyDays > 0
      ? new Recorder({
          database: serverDatabase,
          vehicles,
          vehicle,
          trips: () => mirror.snapshot().trips,
          positionsIntervalMs: options.positionsIntervalMs,
          historyDays: options.historyDays,
          log: options.log,
        })
      : undefined;
  const occupancy = new OccupancyMonitor({
    database: serverDatabase,
    fences: () => mirror.fenceList(),
    vehicles,
    vehicle,
    raise: options.raise,
    onEvents: (events) => recorder?.addEvents(events),
    keepDays: options.historyDays,
    log: options.log,
  });
  return {
    recorder,
    occupancy,
    observe(delta) {
      recorder?.observe(delta);
      occupancy.observe(delta);
    },
    stop() {
      recorder?.stop();
      occupancy.stop();
    },
  };
}
