import "server-only";
import type { ServerResponse } from "node:http";
import { z } from "zod";
import type { StreamFrame } from "./broadcaster";
import type { LiveService } from "./service";
import type { OpenedStream } from "./streams";

/**
 * A stream with this much not yet taken by its socket is behind: it is sent nothing more until
 * it drains, and then the snapshot of that moment instead of everything it missed.
 */
const BEHIND_BYTES = 2 * 1024 * 1024;
/** A stream that stays behind this long is ended; the browser reconnects and catches up. */
const BEHIND_FOR_MS = 120_000;
/** Replaying more missed deltas than this costs more than one snapshot. */
const MAX_REPLAY = 300;
/** The web stream's queue: what it holds before a socket that is slow to take it counts as behind. */
const HIGH_WATER_BYTES = 64 * 1024;

const RETRY = new TextEncoder().encode("retry: 3000\n\n");

/** The headers of a stream's answer. */
export const STREAM_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  // no-transform keeps compression from buffering the stream.
  "cache-control": "no-cache, no-transform",
  "x-accel-buffering": "no",
} as const;

/** The stream's session and its re-check (StreamRegistry). */
export type StreamOptions = Pick<OpenedStream, "key" | "stillValid"> & {
  /** For tests: the clock the behind-for limit is measured on. */
  now?: () => number;
};

/** Where a stream's frames go: a web stream's queue, or a Node.js response. */
type StreamSink = {
  write(bytes: Uint8Array): void;
  /** Bytes written but not yet taken by the socket. */
  queued(): number;
  /** The server ends the stream. */
  close(): void;
};

/** What the sink tells the stream. */
type RunningStream = {
  /** The socket took what was queued: a stream that was behind catches up. */
  drained(): void;
  /** The browser went away. */
  gone(): void;
};

/**
 * One browser's Server-Sent Events stream: first what it is missing (only the deltas after its
 * last event id, or else the whole snapshot), then every delta and heartbeat as it happens.
 * Every frame is the broadcaster's own bytes, shared by all streams; a stream holds no copy of
 * its own. A stream whose socket cannot keep up skips deltas and gets a fresh snapshot once it
 * drains, so a slow screen costs a bounded queue, not an ever longer one. Everything is cleaned
 * up when the browser goes away or its session ends.
 */
function runFleetStream(
  live: LiveService,
  lastEventId: number | undefined,
  sink: StreamSink,
  options: StreamOptions,
  atSocket = false,
): RunningStream {
  const now = options.now ?? Date.now;
  let behindSince: number | undefined;
  sink.write(RETRY);

  // All of this runs in one tick: no delta can slip between the catch-up and the subscription.
  const missed = lastEventId === undefined ? undefined : live.broadcaster.since(lastEventId);
  if (missed && missed.length <= MAX_REPLAY) {
    for (const frame of missed) sink.write(frame.bytes);
  } else {
    sink.write(live.snapshots.current().frame);
  }
  const unsubscribe = live.broadcaster.subscribe((frame: StreamFrame) => {
    if (behindSince !== undefined) {
      if (now() - behindSince > BEHIND_FOR_MS) stop(true);
      return;
    }
    if (sink.queued() > BEHIND_BYTES) {
      behindSince = now();
      return;
    }
    sink.write(frame.bytes);
  });
  const end = () => stop(true);
  live.streams.opened(end, { key: options.key, stillValid: options.stillValid, atSocket });

  let stopped = false;
  function stop(close: boolean) {
    if (stopped) return;
    stopped = true;
    unsubscribe();
    live.streams.closed(end);
    if (close) sink.close();
  }
  return {
    drained() {
      if (behindSince === undefined || stopped) return;
      behindSince = undefined;
      sink.write(live.snapshots.current().frame);
    },
    gone: () => stop(false),
  };
}

/** The stream as a web stream, for a Next.js route handler's Response. */
export function openFleetStream(
  live: LiveService,
  lastEventId: number | undefined,
  signal: AbortSignal,
  options: StreamOptions = {},
): ReadableStream<Uint8Array> {
  let running: RunningStream | undefined;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        running = runFleetStream(
          live,
          lastEventId,
          {
            write: (bytes) => controller.enqueue(bytes),
            queued: () => HIGH_WATER_BYTES - (controller.desiredSize ?? 0),
            close: () => {
              try {
                controller.close();
              } catch {
                // Already closed by the other side.
              }
            },
          },
          options,
        );
        signal.addEventListener("abort", running.gone, { once: true });
      },
      // Called when the queue has room again: a stream that was behind has drained.
      pull() {
        running?.drained();
      },
      cancel() {
        running?.gone();
      },
    },
    { highWaterMark: HIGH_WATER_BYTES, size: (chunk) => chunk.byteLength },
  );
}

/**
 * The stream written straight to a Node.js response (lib/live/direct-stream.ts): the same frames,
 * without a web stream between them and the socket.
 */
export function writeFleetStream(
  live: LiveService,
  lastEventId: number | undefined,
  response: ServerResponse,
  headers: Record<string, string>,
  options: StreamOptions = {},
): void {
  response.writeHead(200, { ...headers, ...STREAM_HEADERS });
  const running = runFleetStream(
    live,
    lastEventId,
    {
      write: (bytes) => void response.write(bytes),
      queued: () => response.writableLength,
      close: () => response.end(),
    },
    options,
    true,
  );
  response.on("drain", running.drained);
  response.once("close", running.gone);
}

const lastEventIdSchema = z.coerce.number().int().nonnegative().optional();

/**
 * The version a reconnecting browser holds (the Last-Event-ID header, or `lastEventId` in the
 * query for a client that cannot set headers); undefined for a first connection, null when it
 * is not a version.
 */
export function lastEventIdOf(
  header: string | null | undefined,
  url: URL,
): number | undefined | null {
  const raw = header ?? url.searchParams.get("lastEventId") ?? undefined;
  const parsed = lastEventIdSchema.safeParse(raw === "" ? undefined : raw);
  return parsed.success ? parsed.data : null;
}
