import "server-only";
import type { FleetDelta } from "@/lib/fleet/live";
import { encodeDelta } from "@/lib/fleet/wire";
import type { DeltaBroadcaster } from "./broadcaster";
import type { DeltaMessage, FleetBus } from "./bus";
import type { FleetMirror } from "./mirror";
import type { SnapshotCache } from "./snapshot-cache";

/**
 * Feeds this instance's mirror (and its open streams) from the bus. A delta that does not
 * follow the version held means some were missed (at start, after a Redis restart or a
 * reconnect): the deltas the bus still holds are applied in order, so streams see every version,
 * and the stored snapshot is loaded only when they do not reach back far enough.
 */
export class MirrorFeed {
  private catchingUp: Promise<void> | undefined;
  private again = false;

  constructor(
    private readonly bus: FleetBus,
    private readonly mirror: FleetMirror,
    private readonly broadcaster: DeltaBroadcaster,
    private readonly snapshots: SnapshotCache,
  ) {}

  receive(message: DeltaMessage): void {
    if (this.applyAndPublish(message.delta) === "gap") void this.catchUp();
  }

  /**
   * Applies a delta to the mirror and sends it to the open streams, encoded for the wire against
   * the vehicles as the mirror held them (so a changed vehicle travels as what changed).
   */
  private applyAndPublish(delta: FleetDelta): "applied" | "old" | "gap" {
    const wire = this.mirror.follows(delta)
      ? encodeDelta(delta, (id) => this.mirror.vehicle(id))
      : undefined;
    const outcome = this.mirror.apply(delta);
    if (outcome === "applied" && wire) this.broadcaster.publish(wire);
    return outcome;
  }

  /** One catch-up at a time; a gap noticed meanwhile runs it once more. */
  catchUp(): Promise<void> {
    if (this.catchingUp) {
      this.again = true;
      return this.catchingUp;
    }
    this.catchingUp = (async () => {
      do {
        this.again = false;
        await this.catchUpOnce();
      } while (this.again);
    })().finally(() => {
      this.catchingUp = undefined;
    });
    return this.catchingUp;
  }

  private async catchUpOnce(): Promise<void> {
    const messages = await this.bus.recentMessages();
    this.applyInOrder(messages);
    const newest = messages.at(-1)?.delta.version ?? Number.POSITIVE_INFINITY;
    if (this.mirror.currentVersion >= newest) return;
    const snapshot = await this.bus.latestSnapshot();
    if (!snapshot || snapshot.version <= this.mirror.currentVersion) return;
    this.mirror.load(snapshot);
    this.broadcaster.reset(snapshot.version, this.snapshots.current().frame);
    this.applyInOrder(messages);
  }

  private applyInOrder(messages: readonly DeltaMessage[]): void {
    for (const { delta } of messages) this.applyAndPublish(delta);
  }
}
