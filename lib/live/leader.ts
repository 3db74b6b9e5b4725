import "server-only";

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
