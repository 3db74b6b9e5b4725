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
