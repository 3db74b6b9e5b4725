import "server-only";
import type { AlertWork } from "@/lib/fleet/alert-work";
import type { FleetDelta, FleetSnapshot } from "@/lib/fleet/live";

/**
 * What travels over the bus: deltas from the polling instance (the leader) to every instance's
 * mirror, and alert work changed on any instance, to the leader, which makes it a delta.
 */
export type BusMessage =
  { kind: "delta"; delta: FleetDelta } | { kind: "alert-work"; work: AlertWork[] };

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
   * The leader keeps its latest full snapshot where followers can read it; called after each
   * publish with a function that builds it (memory keeps the function, Redis stores the JSON).
   */
  storeSnapshot(build: () => FleetSnapshot): Promise<void>;
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

  async storeSnapshot(build: () => FleetSnapshot): Promise<void> {
    this.build = build;
  }

  async close(): Promise<void> {
    this.listeners.clear();
  }
}
