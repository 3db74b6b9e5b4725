import "server-only";
import type { Heartbeat } from "@/lib/fleet/live";
import type { WireDelta } from "@/lib/fleet/wire";

/**
 * One Server-Sent Event, encoded once: the same bytes are written to every stream.
 * `kind: "snapshot"` follows a reload of the mirror (the history no longer connects).
 */
export type StreamFrame = {
  version: number;
  kind: "delta" | "snapshot" | "heartbeat";
  bytes: Uint8Array;
};

const HEARTBEAT_MS = 15_000;

/**
 * Fans each delta out to every open stream as one frame however many listen, keeps the recent
 * ones so a client that reconnects with its last event id gets exactly what it missed, and sends
 * one heartbeat frame to all every 15 s while anyone listens.
 */
export class DeltaBroadcaster {
  private readonly history: StreamFrame[] = [];
  private readonly listeners = new Set<(frame: StreamFrame) => void>();
  private heartbeat: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly capacity = 600,
    /** The version a heartbeat reports: the newest this instance holds. */
    private readonly currentVersion: () => number = () => this.history.at(-1)?.version ?? 0,
    private readonly heartbeatMs = HEARTBEAT_MS,
  ) {}

  publish(delta: WireDelta): void {
    const frame: StreamFrame = {
      version: delta.v,
      kind: "delta",
      bytes: Buffer.from(`id: ${delta.v}\nevent: delta\ndata: ${JSON.stringify(delta)}\n\n`),
    };
    this.history.push(frame);
    if (this.history.length > this.capacity) this.history.shift();
    this.send(frame);
  }

  /**
   * The deltas after `version`, oldest first; undefined when the history no longer reaches back
   * that far (the client then needs a full snapshot).
   */
  since(version: number): StreamFrame[] | undefined {
    const oldest = this.history[0];
    const newest = this.history.at(-1);
    if (oldest === undefined || newest === undefined) return undefined;
    if (version < oldest.version - 1) return undefined;
    // Ahead of us: a version from another server's life; only a full snapshot can help.
    if (version > newest.version) return undefined;
    return this.history.filter((frame) => frame.version > version);
  }

  /**
   * The mirror reloaded a full snapshot (it had missed deltas): the history no longer connects,
   * so every open stream gets the snapshot (its SSE frame) and reconnecting clients will too.
   */
  reset(version: number, snapshotFrame: Uint8Array): void {
    this.history.length = 0;
    this.send({ version, kind: "snapshot", bytes: snapshotFrame });
  }

  subscribe(listener: (frame: StreamFrame) => void): () => void {
    this.listeners.add(listener);
    if (!this.heartbeat) {
      this.heartbeat = setInterval(() => this.beat(), this.heartbeatMs);
      this.heartbeat.unref?.();
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) {
        clearInterval(this.heartbeat);
        this.heartbeat = undefined;
      }
    };
  }

  get subscribers(): number {
    return this.listeners.size;
  }

  private beat(): void {
    const version = this.currentVersion();
    const data = JSON.stringify({ time: Date.now(), version } satisfies Heartbeat);
    this.send({
      version,
      kind: "heartbeat",
      bytes: Buffer.from(`event: heartbeat\ndata: ${data}\n\n`),
    });
  }

  private send(frame: StreamFrame): void {
    for (const listener of this.listeners) listener(frame);
  }
}
