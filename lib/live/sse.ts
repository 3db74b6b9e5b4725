import "server-only";
import type { StreamFrame } from "./broadcaster";
import type { LiveService } from "./service";

/** How often an open stream checks that its session (or display link) is still valid. */
export const SESSION_RECHECK_MS = 30_000;
/**
 * A stream with this much not yet taken by its socket is behind: it is sent nothing more until
 * it drains, and then the snapshot of that moment instead of everything it missed.
 */
const BEHIND_BYTES = 2 * 1024 * 1024;
/** A stream that stays behind this long is ended; the browser reconnects and catches up. */
const BEHIND_FOR_MS = 120_000;
/** Replaying more missed deltas than this costs more than one snapshot. */
const MAX_REPLAY = 300;
/** The stream's queue: what it holds before a socket that is slow to take it counts as behind. */
const HIGH_WATER_BYTES = 64 * 1024;

const RETRY = new TextEncoder().encode("retry: 3000\n\n");

export type StreamOptions = {
  /**
   * Asked every `recheckMs` (SESSION_RECHECK_MS): when it answers false (signed out, display
   * link revoked), the stream ends; the browser's reconnect is then refused with a 401.
   */
  stillValid?: () => Promise<boolean>;
  recheckMs?: number;
  /** The session the stream belongs to, for the per-session limit (StreamRegistry). */
  key?: string;
  /** For tests: the clock the behind-for limit is measured on. */
  now?: () => number;
};

/**
 * One browser's Server-Sent Events stream: first what it is missing (only the deltas after its
 * last event id, or else the whole snapshot), then every delta and heartbeat as it happens.
 * Every frame is the broadcaster's own bytes, shared by all streams; a stream holds no copy of
 * its own. A stream whose socket cannot keep up skips deltas and gets a fresh snapshot once it
 * drains, so a slow screen costs a bounded queue, not an ever longer one. Everything is cleaned
 * up when the browser goes away or its session ends.
 */
export function openFleetStream(
  live: LiveService,
  lastEventId: number | undefined,
  signal: AbortSignal,
  options: StreamOptions = {},
): ReadableStream<Uint8Array> {
  const now = options.now ?? Date.now;
  let cleanup = () => {};
  let behindSince: number | undefined;
  let catchUp = () => {};
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const queued = () => HIGH_WATER_BYTES - (controller.desiredSize ?? 0);
        controller.enqueue(RETRY);

        // All of this runs in one tick: no delta can slip between the catch-up and the subscription.
        const missed = lastEventId === undefined ? undefined : live.broadcaster.since(lastEventId);
        if (missed && missed.length <= MAX_REPLAY) {
          for (const frame of missed) controller.enqueue(frame.bytes);
        } else {
          controller.enqueue(live.snapshots.current().frame);
        }
        const unsubscribe = live.broadcaster.subscribe((frame: StreamFrame) => {
          if (behindSince !== undefined) {
            if (now() - behindSince > BEHIND_FOR_MS) stop(true);
            return;
          }
          if (queued() > BEHIND_BYTES) {
            behindSince = now();
            return;
          }
          controller.enqueue(frame.bytes);
        });
        catchUp = () => {
          if (behindSince === undefined) return;
          behindSince = undefined;
          controller.enqueue(live.snapshots.current().frame);
        };
        const { stillValid } = options;
        const recheck = stillValid
          ? setInterval(() => {
              stillValid().then(
                (valid) => valid || stop(true),
                () => undefined, // A failed check (a disk hiccup) is not a revocation.
              );
            }, options.recheckMs ?? SESSION_RECHECK_MS)
          : undefined;
        const end = () => stop(true);
        live.streams.opened(end, options.key);

        let stopped = false;
        function stop(close: boolean) {
          if (stopped) return;
          stopped = true;
          unsubscribe();
          clearInterval(recheck);
          signal.removeEventListener("abort", onAbort);
          live.streams.closed(end);
          if (close) {
            try {
              controller.close();
            } catch {
              // Already closed by the other side.
            }
          }
        }
        const onAbort = () => stop(true);
        signal.addEventListener("abort", onAbort);
        cleanup = () => stop(false);
      },
      // Called when the queue has room again: a stream that was behind has drained.
      pull() {
        catchUp();
      },
      cancel() {
        cleanup();
      },
    },
    { highWaterMark: HIGH_WATER_BYTES, size: (chunk) => chunk.byteLength },
  );
}
