/** A minimal Server-Sent Events reader for tests: real HTTP, no browser. */
import { applyDelta, type FleetDelta, type FleetSnapshot } from "../../lib/fleet/live";
import {
  decodeDelta,
  decodeSnapshot,
  type WireDelta,
  type WireSnapshot,
} from "../../lib/fleet/wire";

/**
 * One event as sent, and, like a browser reads the feed, a snapshot event decoded and a delta
 * event decoded against the fleet held before it (absent when it does not follow: a gap).
 */
export type StreamEvent = {
  id?: string;
  event: string;
  data: string;
  snapshot?: FleetSnapshot;
  delta?: FleetDelta;
};

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
  const events: StreamEvent[] = [];
  const arrivals = new WeakMap<StreamEvent, number>();
  const waiters = new Set<{
    match: (event: StreamEvent) => boolean;
    resolve: (event: StreamEvent) => void;
  }>();

  let fleet: FleetSnapshot | undefined;
  const ended = (async () => {
    const decoder = new TextDecoder();
    let buffer = "";
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event: StreamEvent = { event: "message", data: "" };
          arrivals.set(event, Date.now());
          const data: string[] = [];
          for (const line of block.split("\n")) {
            const colon = line.indexOf(":");
            if (colon <= 0) continue;
            const field = line.slice(0, colon);
            const value = line.slice(colon + 1).replace(/^ /, "");
            if (field === "id") event.id = value;
            else if (field === "event") event.event = value;
            else if (field === "data") data.push(value);
          }
          if (data.length === 0) continue;
          event.data = data.join("\n");
          fleet = follow(event, fleet);
          events.push(event);
          for (const waiter of waiters) {
            if (waiter.match(event)) {
              waiters.delete(waiter);
              waiter.resolve(event);
            }
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
    close() {
      controller.abort();
    },
  };
}
