import "server-only";
import type { Redis } from "ioredis";
import type { FleetSnapshot } from "@/lib/fleet/live";
import type { BusMessage, DeltaMessage, FleetBus } from "../bus";
import { KEY_PREFIX, whenReady } from "./connection";
import { LOCK_KEY } from "./redis-leader";

const CHANNEL = `${KEY_PREFIX}bus`;
const SNAPSHOT_KEY = `${KEY_PREFIX}snapshot`;
const LOG_KEY = `${KEY_PREFIX}bus-log`;
const VERSION_KEY = `${KEY_PREFIX}version`;
/** The stored snapshot is rewritten at most this often; deltas fill the time between. */
const SNAPSHOT_EVERY_MS = 1_000;
/** The recent messages kept for instances that missed some (a minute or more of polls). */
const LOG_LENGTH = 30;
/** A larger message is not kept (an instance that missed it reloads the snapshot instead). */
const MAX_LOGGED_CHARS = 512 * 1024;

/**
 * After a reconnect, the leader (if it still holds the lock) puts back what Redis lost or never
 * got: the messages it published after the version Redis holds (all of them after a restart),
 * published again for the instances already listening and added to the log; its snapshot; its
 * version. KEYS: version, log, snapshot, lock. ARGV: this instance's id, version, snapshot,
 * channel, then (version, message) pairs, oldest first.
 */
const WRITE_BACK = `
if redis.call('GET', KEYS[4]) ~= ARGV[1] then return 0 end
local stored = tonumber(redis.call('GET', KEYS[1]) or '0')
if stored >= tonumber(ARGV[2]) then return 0 end
if stored == 0 then redis.call('DEL', KEYS[2]) end
for i = 5, #ARGV, 2 do
  if tonumber(ARGV[i]) > stored then
    redis.call('RPUSH', KEYS[2], ARGV[i + 1])
    redis.call('PUBLISH', ARGV[4], ARGV[i + 1])
  end
end
redis.call('LTRIM', KEYS[2], -${LOG_LENGTH}, -1)
redis.call('SET', KEYS[3], ARGV[3])
redis.call('SET', KEYS[1], ARGV[2])
return 1`;

/**
 * Deltas over Redis pub/sub to every instance; the latest few in a list and the leader's latest
 * full snapshot in a key, for an instance that starts or has missed deltas; and the latest
 * version, so a new leader knows whether it holds everything its predecessor published. While
 * Redis is down the leader keeps its recent messages, and writes them back with its snapshot when
 * it is back (`writeBack`): followers then continue with the same consecutive versions.
 */
export class RedisBus implements FleetBus {
  private readonly listeners = new Set<(message: BusMessage) => void>();
  private lastStored = 0;
  private pendingStore: ReturnType<typeof setTimeout> | undefined;
  /** What this instance published as the leader, for the write-back (oldest first). */
  private recent: Array<{ version: number; text: string }> = [];
  private build: (() => FleetSnapshot) | undefined;

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
    const text = JSON.stringify(message);
    if (message.kind !== "delta") {
      // Alert work is for the leader now; the database holds it, so it is not logged.
      await this.redis.publish(CHANNEL, text).catch(() => {});
      return;
    }
    // The log has no holes: a message too large to keep starts it afresh.
    const logged = text.length <= MAX_LOGGED_CHARS;
    if (logged) this.recent.push({ version: message.delta.version, text });
    else this.recent = [];
    if (this.recent.length > LOG_LENGTH) this.recent.shift();
    const batch = this.redis.multi().publish(CHANNEL, text);
    if (logged) batch.rpush(LOG_KEY, text).ltrim(LOG_KEY, -LOG_LENGTH, -1);
    else batch.del(LOG_KEY);
    await batch
      .set(VERSION_KEY, String(message.delta.version))
      .exec()
      .catch(() => {});
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

  async recentMessages(): Promise<DeltaMessage[]> {
    const texts = await this.redis.lrange(LOG_KEY, 0, -1).catch(() => []);
    return texts.map((text) => JSON.parse(text) as DeltaMessage);
  }

  async latestVersion(): Promise<number | undefined> {
    await whenReady(this.redis);
    const text = await this.redis.get(VERSION_KEY).catch(() => null);
    return text === null ? undefined : Number(text);
  }

  async storeSnapshot(build: () => FleetSnapshot): Promise<void> {
    this.build = build;
    clearTimeout(this.pendingStore);
    const wait = this.lastStored + SNAPSHOT_EVERY_MS - Date.now();
    const store = () => {
      this.lastStored = Date.now();
      void this.redis.set(SNAPSHOT_KEY, JSON.stringify(build())).catch(() => {});
    };
    if (wait <= 0) store();
    else this.pendingStore = setTimeout(store, wait);
  }

  resign(): void {
    clearTimeout(this.pendingStore);
    this.build = undefined;
    this.recent = [];
  }

  /**
   * Redis is back (perhaps empty, after a restart) and `leaderId` is this instance, the leader:
   * puts back the messages Redis lacks, the snapshot and the version. Nothing when this instance
   * has published nothing or no longer holds the lock.
   */
  async writeBack(leaderId: string): Promise<void> {
    if (!this.build) return;
    const snapshot = this.build();
    const pairs = this.recent.flatMap(({ version, text }) => [String(version), text]);
    await this.redis
      .eval(
        WRITE_BACK,
        4,
        VERSION_KEY,
        LOG_KEY,
        SNAPSHOT_KEY,
        LOCK_KEY,
        leaderId,
        String(snapshot.version),
        JSON.stringify(snapshot),
        CHANNEL,
        ...pairs,
      )
      .catch(() => {});
  }

  async close(): Promise<void> {
    this.resign();
    this.listeners.clear();
  }
}
