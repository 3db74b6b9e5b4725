import "server-only";
import type { Alert } from "@/lib/fleet/types";
import type { FleetState } from "./fleet-state";
import type { FleetMirror } from "./mirror";

/**
 * Which instance polls FleetUp. Exactly one does: with one instance it is always this one; with
 * several, a Redis lock with an expiry decides and hands over when the leader dies.
 */
export interface LeaderElection {
  /** Calls `onChange(true)` when this instance becomes the poller, `false` when it stops being it. */
  start(onChange: (leader: boolean) => void): void;
  stop(): Promise<void>;
  readonly isLeader: boolean;
}

export class SoleLeader implements LeaderElection {
  isLeader = false;

  start(onChange: (leader: boolean) => void): void {
    this.isLeader = true;
    onChange(true);
  }

  async stop(): Promise<void> {
    this.isLeader = false;
  }
}

/**
 * The versions a new leader publishes. It continues from the version it holds (undefined) when
 * that is the latest any leader published (`latest`, as the bus knows it). Otherwise some of its
 * predecessor's versions never reached it (the predecessor went while Redis was restarting, and
 * Redis lost them): one of those numbers may stand for data it never saw, so it starts a new run
 * above any number used, the clock in ms (versions count polls from a start in ms, far below the
 * clock), and every screen reloads once.
 */
export function newRunAfterTakeover(
  held: number,
  latest: number | undefined,
  now: number,
): number | undefined {
  if (latest !== undefined && latest <= held) return undefined;
  return Math.max(now, (latest ?? 0) + 1, held + 1);
}

/**
 * A new leader's poller state, from what this instance's mirror holds (the previous leader's
 * data, as published) and the alerts archived beyond the snapshot's few: "continued" on the same
 * versions; "new run" when versions were missed (`newRunAfterTakeover`; the mirror is reloaded,
 * and the caller restarts the streams on it); "first" when there was no leader before.
 */
export function takeOver(
  mirror: FleetMirror,
  state: FleetState,
  {
    archived,
    latest,
    now,
  }: { archived: readonly Alert[]; latest: number | undefined; now: number },
): "continued" | "new run" | "first" {
  if (mirror.currentVersion === 0) {
    state.startAt(now);
    mirror.load(state.snapshot(now));
    return "first";
  }
  const snapshot = mirror.snapshot();
  state.load(snapshot, [...snapshot.alerts, ...archived]);
  const newRun = newRunAfterTakeover(mirror.currentVersion, latest, now);
  if (newRun === undefined) return "continued";
  state.startAt(newRun);
  mirror.load(state.snapshot(now));
  return "new run";
}
