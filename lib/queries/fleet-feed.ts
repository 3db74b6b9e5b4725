/**
 * The tab's one live feed: an EventSource whose snapshot and delta events are written into the
 * query cache (on fleetQueries' keys). When the stream breaks, the snapshot is polled (with its
 * ETag, so an unchanged fleet costs a 304) at the positions poll interval, and the stream is
 * reopened with exponential backoff (1 s, 2 s, 4 s … 30 s, jittered) from the last version held,
 * so the server replays only what was missed.
 */
import type { QueryClient } from "@tanstack/react-query";
import type { FenceList, FleetSnapshot, Heartbeat } from "@/lib/fleet/live";
import { decodeSnapshot, type WireDelta, type WireSnapshot } from "@/lib/fleet/wire";
import type { ConnectionStore } from "./feed-connection";
import { isSessionRefused } from "./fetch-json";
import { applyStreamDelta } from "./fleet-cache";
import { fleetQueries } from "./fleet";

const MAX_BACKOFF_MS = 30_000;
const MIN_POLL_MS = 2_000;
/** After the server refused the session, ask again this seldom (a new sign-in may fix it). */
const DENIED_POLL_MS = 60_000;

export function reopenDelayMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** attempt);
  return Math.round(base * (0.75 + random() * 0.5));
}

export function startFleetFeed(client: QueryClient, store: ConnectionStore): () => void {
  const snapshotKey = fleetQueries.snapshot().queryKey;
  let source: EventSource | undefined;
  let attempt = 0;
  let reopenTimer: ReturnType<typeof setTimeout> | undefined;
  let pollTimer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const current = () => client.getQueryData<FleetSnapshot>(snapshotKey);
  // The dashboard's snapshot query is disabled (the stream fills it), so fetch it directly.
  const fetchSnapshot = () => client.fetchQuery({ ...fleetQueries.snapshot(), staleTime: 0 });
  const pollMs = () => Math.max(MIN_POLL_MS, current()?.feeds.positions?.intervalMs ?? 10_000);

  function writeFences(snapshot: Pick<FleetSnapshot, "fences" | "generatedAt">) {
    client.setQueryData<FenceList>(fleetQueries.fences().queryKey, {
      fences: snapshot.fences,
      fetchedAt: snapshot.generatedAt,
    });
  }

  function onSnapshot(event: MessageEvent<string>) {
    const snapshot = decodeSnapshot(JSON.parse(event.data) as WireSnapshot);
    client.setQueryData(snapshotKey, snapshot);
    writeFences(snapshot);
    streamWorks(snapshot.generatedAt);
  }

  function onDelta(event: MessageEvent<string>) {
    const wire = JSON.parse(event.data) as WireDelta;
    const outcome = applyStreamDelta(current(), wire);
    if (outcome.kind === "applied") {
      client.setQueryData(snapshotKey, outcome.snapshot);
      const { fences, generatedAt } = outcome.delta;
      if (fences) writeFences({ fences, generatedAt });
    } else if (outcome.kind === "gap") {
      void fetchSnapshot().catch(() => undefined);
    }
    streamWorks(wire.t);
  }

  function onHeartbeat(event: MessageEvent<string>) {
    const beat = JSON.parse(event.data) as Heartbeat;
    const held = current();
    if (held && beat.version > held.version + 1) void fetchSnapshot().catch(() => undefined);
    streamWorks(beat.time);
  }

  function streamWorks(serverTime: number) {
    attempt = 0;
    clearTimeout(pollTimer);
    pollTimer = undefined;
    store.contact("stream", serverTime);
  }

  function open() {
    if (stopped || store.get().denied) return;
    const held = current();
    const url = held ? `/api/fleet/stream?lastEventId=${held.version}` : "/api/fleet/stream";
    const next = new EventSource(url);
    source = next;
    next.addEventListener("snapshot", onSnapshot);
    next.addEventListener("delta", onDelta);
    next.addEventListener("heartbeat", onHeartbeat);
    next.onerror = () => {
      // We manage reconnection ourselves (with backoff and polling meanwhile), from our version.
      next.close();
      if (source !== next) return;
      source = undefined;
      store.lost(pollTimer ? "polling" : "connecting");
      reopenTimer = setTimeout(open, reopenDelayMs(attempt++));
      if (!pollTimer) schedulePoll(0);
    };
  }

  function schedulePoll(delayMs: number) {
    pollTimer = setTimeout(async () => {
      try {
        await fetchSnapshot();
        if (stopped || !pollTimer) return;
        const wasDenied = store.get().denied;
        store.contact("polling", current()?.generatedAt);
        if (wasDenied && !source) open();
      } catch (error) {
        if (stopped || !pollTimer) return;
        if (isSessionRefused(error)) {
          // Signed out or the display link revoked: the stream would be refused too.
          clearTimeout(reopenTimer);
          store.denied();
          schedulePoll(DENIED_POLL_MS);
          return;
        }
        store.lost("polling");
      }
      if (pollTimer) schedulePoll(pollMs());
    }, delayMs);
  }

  open();
  return function stopFleetFeed() {
    stopped = true;
    source?.close();
    clearTimeout(reopenTimer);
    clearTimeout(pollTimer);
    pollTimer = undefined;
  };
}
