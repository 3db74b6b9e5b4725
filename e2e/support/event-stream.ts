/**
 * The one Server-Sent Events reader of the tests, the leak check and the e2e specs: real HTTP, no
 * browser. `readFrames` parses the fields as EventSource does; `readEventStream` and
 * `openEventStream` also decode the fleet's frames with the wire codec, as the browser does.
 * (The benches scan raw bytes instead, bench/support/streams.ts says why.)
 */
import { applyDelta, type FleetDelta, type FleetSnapshot } from "../../lib/fleet/live";
import {
  decodeDelta,
  decodeSnapshot,
  type WireDelta,
  type WireSnapshot,
} from "../../lib/fleet/wire";

/** A stream's body: a fetch body or another web stream, or a Node.js response. */
export type StreamBody = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array | string>;

/** One frame as sent: its fields, not decoded. */
export type SseFrame = { id?: string; event: string; data: string };

/**
 * The frames of a stream's body, in order, by EventSource's rules: `field: value` lines (one
 * space after the colon dropped), `data` lines joined with newlines, the event "message" unless
 * named. A frame without data (`retry:`, a comment) is no event and is skipped. Takes a fetch
 * body, a web ReadableStream or a Node.js response.
 */
export async function* readFrames(body: StreamBody): AsyncGenerator<SseFrame> {
  const decoder = new TextDecoder();
  let buffer = "";
  let searched = 0;
  // Node.js's web streams are async iterables; the DOM typings do not say so.
  for await (const chunk of body as AsyncIterable<Uint8Array | string>) {
    buffer += typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
    let end: number;
    // Search only what is new (and the character before it): a large frame arrives in many chunks.
    while ((end = buffer.indexOf("\n\n", Math.max(0, searched - 1))) >= 0) {
      const frame = parseFrame(buffer.slice(0, end));
      buffer = buffer.slice(end + 2);
      searched = 0;
      if (frame) yield frame;
    }
    searched = buffer.length;
  }
}

function parseFrame(block: string): SseFrame | undefined {
  const frame: SseFrame = { event: "message", data: "" };
  const data: string[] = [];
  for (const line of block.split("\n")) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const field = line.slice(0, colon);
    const value = line.slice(colon + 1).replace(/^ /, "");
    if (field === "id") frame.id = value;
    else if (field === "event") frame.event = value;
    else if (field === "data") data.push(value);
  }
  if (data.length === 0) return undefined;
  frame.data = data.join("\n");
  return frame;
}

/**
 * One event as sent, and, like a browser reads the feed, a snapshot event decoded and a delta
 * event decoded against the fleet held before it (absent when it does not follow: a gap).
 */
export type StreamEvent = SseFrame & { snapshot?: FleetSnapshot; delta?: FleetDelta };

/** Follows the fleet through a stream's events in order, as the browser does. */
function follow(event: StreamEvent, fleet: FleetSnapshot | undefined): FleetSnapshot | undefined {
  if (event.event === "snapshot") {
    event.snapshot = decodeSnapshot(JSON.parse(event.data) as WireSnapshot);
    return event.snapshot;
  }
  if (event.event !== "delta") return fleet;
  const wire = JSON.parse(event.data) as WireDelta;
  if (!fleet || wire.b !== fleet.version) return fleet;
  const held = new Map(fleet.vehicles.map((vehicle) => [vehicle.id, vehicle]));
  event.delta = decodeDelta(wire, (id) => held.get(id));
  return applyDelta(fleet, event.delta);
}

export type EventStreamReader = {
  events: StreamEvent[];
  /** Resolves with the first event (from now on, or already received when `includeSeen`) matching. */
  waitFor(
    match: (event: StreamEvent) => boolean,
    options?: { timeoutMs?: number; includeSeen?: boolean },
  ): Promise<StreamEvent>;
  /** When `event` arrived (epoch ms). */
  receivedAt(event: StreamEvent): number | undefined;
  close(): void;
  /** Resolves when the stream ends: the server closed it, or `close()` was called. */
  ended: Promise<void>;
};

/** Opens the stream at `url` and reads it (see readEventStream); throws on an answer other than 2xx. */
export async function openEventStream(
  url: string,
  headers: Record<string, string> = {},
): Promise<EventStreamReader> {
  const controller = new AbortController();
  const response = await fetch(url, {
    headers: { accept: "text/event-stream", ...headers },
    signal: controller.signal,
  });
  if (!response.ok || !response.body) {
    throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
  }
  return readEventStream(response.body, () => controller.abort());
}

/**
 * Reads an open stream's `body` in the background, keeping every event decoded as the browser
 * decodes it; `hangUp` ends the request (close() calls it).
 */
export function readEventStream(body: StreamBody, hangUp: () => void): EventStreamReader {
  const events: StreamEvent[] = [];
  const arrivals = new WeakMap<StreamEvent, number>();
  const waiters = new Set<{
    match: (event: StreamEvent) => boolean;
    resolve: (event: StreamEvent) => void;
  }>();

  let fleet: FleetSnapshot | undefined;
  const ended = (async () => {
    try {
      for await (const frame of readFrames(body)) {
        const event: StreamEvent = frame;
        arrivals.set(event, Date.now());
        fleet = follow(event, fleet);
        events.push(event);
        for (const waiter of waiters) {
          if (waiter.match(event)) {
            waiters.delete(waiter);
            waiter.resolve(event);
          }
        }
      }
    } catch {
      // Aborted by close().
    }
  })();

  return {
    events,
    ended,
    waitFor(match, { timeoutMs = 20_000, includeSeen = false } = {}) {
      const seen = includeSeen ? events.find(match) : undefined;
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const waiter = {
          match,
          resolve: (event: StreamEvent) => (clearTimeout(timer), resolve(event)),
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`no matching event within ${timeoutMs} ms (${events.length} received)`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    receivedAt: (event) => arrivals.get(event),
    close: hangUp,
  };
}
