import "server-only";
import type { DeltaBroadcaster } from "./broadcaster";
import type { DeltaMessage, FleetBus } from "./bus";
import type { FleetMirror } from "./mirror";

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
  ) {}

  receive(message: DeltaMessage): void {
    const outcome = this.mirror.apply(message.delta);
    if (outcome === "applied") this.broadcaster.publish(message.delta);
    else if (outcome === "gap") void this.catchUp();
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
    this.broadcaster.reset(snapshot.version, JSON.stringify(this.mirror.snapshot()));
    this.applyInOrder(messages);
  }

  private applyInOrder(messages: readonly DeltaMessage[]): void {
    for (const { delta } of messages) {
      if (this.mirror.apply(delta) === "applied") this.broadcaster.publish(delta);
    }
  }
}
