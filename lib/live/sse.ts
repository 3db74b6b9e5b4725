import "server-only";
import type { PublishedDelta } from "./broadcaster";
import type { LiveService } from "./service";

const HEARTBEAT_MS = 15_000;
/** How often an open stream checks that its session (or display link) is still valid. */
export const SESSION_RECHECK_MS = 30_000;
/** A client this far behind is dropped; it reconnects with its last event id and catches up. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;
/** Replaying more missed deltas than this costs more than one snapshot. */
const MAX_REPLAY = 300;

const encoder = new TextEncoder();
const frames = new WeakMap<PublishedDelta, Uint8Array>();

function deltaFrame(delta: PublishedDelta): Uint8Array {
  let frame = frames.get(delta);
  if (!frame) {
    frame = encoder.encode(`id: ${delta.version}\nevent: ${delta.kind}\ndata: ${delta.json}\n\n`);
    frames.set(delta, frame);
  }
  return frame;
}

export type StreamOptions = {
  /**
   * Asked every `recheckMs` (SESSION_RECHECK_MS): when it answers false (signed out, display
   * link revoked), the stream ends; the browser's reconnect is then refused with a 401.
   */
  stillValid?: () => Promise<boolean>;
  recheckMs?: number;
  /** The session the stream belongs to, for the per-session limit (StreamRegistry). */
  key?: string;
};

/**
 * One browser's Server-Sent Events stream: first what it is missing (only the deltas after its
 * last event id, or else the whole snapshot), then every delta as it happens, with a heartbeat
 * every 15 s. Everything is cleaned up when the browser goes away or its session ends.
 */
export function openFleetStream(
  live: LiveService,
  lastEventId: number | undefined,
  signal: AbortSignal,
  options: StreamOptions = {},
): ReadableStream<Uint8Array> {
  let cleanup = () => {};
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const send = (bytes: Uint8Array) => {
          if ((controller.desiredSize ?? 0) < -MAX_BUFFERED_BYTES) return stop(true);
          controller.enqueue(bytes);
        };
        send(encoder.encode("retry: 3000\n\n"));

        // All of this runs in one tick: no delta can slip between the catch-up and the subscription.
        const missed = lastEventId === undefined ? undefined : live.broadcaster.since(lastEventId);
        if (missed && missed.length <= MAX_REPLAY) {
          for (const delta of missed) send(deltaFrame(delta));
        } else {
          const snapshot = live.snapshots.current();
          send(
            encoder.encode(`id: ${snapshot.version}\nevent: snapshot\ndata: ${snapshot.json}\n\n`),
          );
        }
        const unsubscribe = live.broadcaster.subscribe((delta) => send(deltaFrame(delta)));
        const heartbeat = setInterval(() => {
          const beat = { time: Date.now(), version: live.mirror.currentVersion };
          send(encoder.encode(`event: heartbeat\ndata: ${JSON.stringify(beat)}\n\n`));
        }, HEARTBEAT_MS);
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
          clearInterval(heartbeat);
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
      cancel() {
        cleanup();
      },
    },
    { highWaterMark: 64 * 1024, size: (chunk) => chunk.byteLength },
  );
}
