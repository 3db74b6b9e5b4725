import "server-only";
import type { Redis } from "ioredis";
import { onRevocation, recordRevocation } from "@/lib/auth/revocations";
import { KEY_PREFIX } from "./connection";

const CHANNEL = `${KEY_PREFIX}revocations`;
const KEY = `${KEY_PREFIX}revocations`;

const nowS = () => Math.floor(Date.now() / 1000);

/**
 * Shares sign-outs between instances: a session ended on one is refused by all, at once (pub/sub)
 * and for instances that start later (a hash of session id → expiry, pruned as entries expire).
 */
export function shareRevocations(redis: Redis, subscriber: Redis): void {
  const load = async () => {
    const entries = await redis.hgetall(KEY).catch(() => ({}) as Record<string, string>);
    const expired = Object.entries(entries).filter(([, until]) => Number(until) <= nowS());
    for (const [sid, until] of Object.entries(entries))
      recordRevocation(sid, Number(until), nowS());
    if (expired.length > 0) await redis.hdel(KEY, ...expired.map(([sid]) => sid)).catch(() => {});
  };
  subscriber.on("message", (channel: string, text: string) => {
    if (channel !== CHANNEL) return;
    const { sid, untilS } = JSON.parse(text) as { sid: string; untilS: number };
    recordRevocation(sid, untilS, nowS());
  });
  const subscribe = () => {
    void subscriber.subscribe(CHANNEL).catch(() => {});
    void load();
  };
  subscriber.on("ready", subscribe);
  if (subscriber.status === "ready") subscribe();

  onRevocation((sid, untilS) => {
    void redis.hset(KEY, sid, String(untilS)).catch(() => {});
    void redis.publish(CHANNEL, JSON.stringify({ sid, untilS })).catch(() => {});
  });
}
