import "server-only";
import type { AlertWork } from "@/lib/fleet/alert-work";
import type { FleetDelta, FleetSnapshot } from "@/lib/fleet/live";

/**
 * What travels over the bus: deltas from the polling instance (the leader) to every instance's
 * mirror, alert work changed on any instance, to the leader, which makes it a delta, and word
 * that sessions changed (lib/auth/verified-cache.ts).
 */
export type BusMessage =
  | DeltaMessage
  | { kind: "alert-work"; work: AlertWork[] }
  /** Sessions ended or changed on some instance: every instance forgets what it verified. */
  | { kind: "sessions-changed" };
export type DeltaMessage = { kind: "delta"; delta: FleetDelta };

/**
 * The seam between the one poller and every instance's mirror: in memory with one instance,
 * Redis pub/sub with several (lib/live/redis).
 */
export interface FleetBus {
  publish(message: BusMessage): Promise<void>;
  subscribe(listener: (message: BusMessage) => void): () => void;
  /** The leader's latest full snapshot, for an instance that starts or has missed deltas. */
  latestSnapshot(): Promise<FleetSnapshot | undefined>;
  /**
   * The latest messages published, oldest first, so an instance that missed some (a Redis
   * restart, a reconnect) applies them in order instead of reloading the whole snapshot. Only
   * deltas are kept: alert work is for the leader at the moment it is sent, and the database
   * holds it.
   */
  recentMessages(): Promise<DeltaMessage[]>;
  /**
   * The latest version any leader published, as far as the bus knows; undefined when it cannot
   * say (Redis restarted and nobody wrote it back, or Redis cannot be reached).
   */
  latestVersion(): Promise<number | undefined>;
  /**
   * The leader keeps its latest full snapshot where followers can read it; called after each
   * publish with a function that builds it (memory keeps the function, Redis stores the JSON).
   */
  storeSnapshot(build: () => FleetSnapshot): Promise<void>;
  /** This instance stopped leading: it no longer writes its snapshot or messages back anywhere. */
  resign(): void;
  close(): Promise<void>;
}

/** One instance: messages go straight to this process's listeners. */
export class MemoryBus implements FleetBus {
  private readonly listeners = new Set<(message: BusMessage) => void>();
  private build: (() => FleetSnapshot) | undefined;

  async publish(message: BusMessage): Promise<void> {
    for (const listener of this.listeners) listener(message);
  }

  subscribe(listener: (message: BusMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async latestSnapshot(): Promise<FleetSnapshot | undefined> {
    return this.build?.();
  }

  async recentMessages(): Promise<DeltaMessage[]> {
    return [];
  }

  async latestVersion(): Promise<number | undefined> {
    return this.build?.().version;
  }

  async storeSnapshot(build: () => FleetSnapshot): Promise<void> {
    this.build = build;
  }

  resign(): void {
    this.build = undefined;
  }

  async close(): Promise<void> {
    this.listeners.clear();
  }
}
