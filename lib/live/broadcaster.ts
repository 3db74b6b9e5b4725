import "server-only";
import type { FleetDelta } from "@/lib/fleet/live";

/** A serialised stream event: a delta, or a whole snapshot after the mirror had to reload. */
export type PublishedDelta = { version: number; json: string; kind: "delta" | "snapshot" };

/**
 * Fans each delta out to every open stream, serialised once however many listen, and keeps the
 * recent ones so a client that reconnects with its last event id gets exactly what it missed.
 */
export class DeltaBroadcaster {
  private readonly history: PublishedDelta[] = [];
  private readonly listeners = new Set<(delta: PublishedDelta) => void>();

  constructor(private readonly capacity = 600) {}

  publish(delta: FleetDelta): void {
    const published: PublishedDelta = {
      version: delta.version,
      json: JSON.stringify(delta),
      kind: "delta",
    };
    this.history.push(published);
    if (this.history.length > this.capacity) this.history.shift();
    for (const listener of this.listeners) listener(published);
  }

  /**
   * The deltas after `version`, oldest first; undefined when the history no longer reaches back
   * that far (the client then needs a full snapshot).
   */
  since(version: number): PublishedDelta[] | undefined {
    const oldest = this.history[0];
    const newest = this.history.at(-1);
    if (oldest === undefined || newest === undefined) return undefined;
    if (version < oldest.version - 1) return undefined;
    // Ahead of us: a version from another server's life; only a full snapshot can help.
    if (version > newest.version) return undefined;
    return this.history.filter((delta) => delta.version > version);
  }

  /**
   * The mirror reloaded a full snapshot (it had missed deltas): the history no longer connects,
   * so every open stream gets the snapshot and reconnecting clients will too.
   */
  reset(version: number, snapshotJson: string): void {
    this.history.length = 0;
    const published: PublishedDelta = { version, json: snapshotJson, kind: "snapshot" };
    for (const listener of this.listeners) listener(published);
  }

  subscribe(listener: (delta: PublishedDelta) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get subscribers(): number {
    return this.listeners.size;
  }
}
