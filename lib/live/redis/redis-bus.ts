import "server-only";
import type { Redis } from "ioredis";
import type { FleetSnapshot } from "@/lib/fleet/live";
import type { BusMessage, FleetBus } from "../bus";
import { KEY_PREFIX, whenReady } from "./connection";

const CHANNEL = `${KEY_PREFIX}bus`;
const SNAPSHOT_KEY = `${KEY_PREFIX}snapshot`;
/** The stored snapshot is rewritten at most this often; deltas fill the time between. */
const SNAPSHOT_EVERY_MS = 1_000;

/**
 * Deltas over Redis pub/sub to every instance, and the leader's latest full snapshot in a key
 * for an instance that starts or has missed deltas. Publishing while Redis is down drops the
 * message: followers notice the gap and reload the snapshot when Redis is back.
 */
export class RedisBus implements FleetBus {
  private readonly listeners = new Set<(message: BusMessage) => void>();
  private lastStored = 0;
  private pendingStore: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly redis: Redis,
    private readonly subscriber: Redis,
  ) {
    subscriber.on("message", (channel: string, text: string) => {
      if (channel !== CHANNEL) return;
      const message = JSON.parse(text) as BusMessage;
      for (const listener of this.listeners) listener(message);
    });
    // Subscribing needs a live connection (there is no offline queue); after a reconnect
    // ioredis restores the subscription, and subscribing again on "ready" is harmless.
    const subscribe = () => void subscriber.subscribe(CHANNEL).catch(() => {});
    subscriber.on("ready", subscribe);
    if (subscriber.status === "ready") subscribe();
  }

  async publish(message: BusMessage): Promise<void> {
    await this.redis.publish(CHANNEL, JSON.stringify(message)).catch(() => {});
  }

  subscribe(listener: (message: BusMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async latestSnapshot(): Promise<FleetSnapshot | undefined> {
    await whenReady(this.redis);
    const text = await this.redis.get(SNAPSHOT_KEY).catch(() => null);
    return text ? (JSON.parse(text) as FleetSnapshot) : undefined;
  }

  async storeSnapshot(build: () => FleetSnapshot): Promise<void> {
    clearTimeout(this.pendingStore);
    const wait = this.lastStored + SNAPSHOT_EVERY_MS - Date.now();
    const store = () => {
      this.lastStored = Date.now();
      void this.redis.set(SNAPSHOT_KEY, JSON.stringify(build())).catch(() => {});
    };
    if (wait <= 0) store();
    else this.pendingStore = setTimeout(store, wait);
  }

  async close(): Promise<void> {
    clearTimeout(this.pendingStore);
    this.listeners.clear();
  }
}
