/**
 * How this tab is connected to the server, kept outside React so the stream can update it
 * without rendering anything; components read it with useFeedConnection().
 */
import { useSyncExternalStore } from "react";

export type FeedConnection = {
  mode: "connecting" | "stream" | "polling";
  reachable: boolean;
  unreachableSince?: number;
  /** Browser time of the last message or successful poll. */
  lastContactAt?: number;
  /** Server clock minus browser clock, ms (see estimateClockOffset). */
  clockOffsetMs: number;
  /** The server refused this tab's session (signed out, display link revoked or expired). */
  denied: boolean;
};

const OFFSET_SAMPLES = 20;

/**
 * A server time read at browser time `receivedAt` was taken before it arrived, so
 * `serverTime - receivedAt` can only under-estimate the true offset: the largest of the recent
 * samples is the best estimate. Old samples roll out, so a corrected clock is followed.
 */
export function estimateClockOffset(samples: readonly number[]): number {
  return samples.length === 0 ? 0 : Math.max(...samples);
}

export function createConnectionStore(now: () => number = Date.now) {
  let state: FeedConnection = {
    mode: "connecting",
    reachable: true,
    clockOffsetMs: 0,
    denied: false,
  };
  const samples: number[] = [];
  const listeners = new Set<() => void>();
  const set = (patch: Partial<FeedConnection>) => {
    state = { ...state, ...patch };
    for (const listener of listeners) listener();
  };
  return {
    get: () => state,
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** A message or a poll answer arrived; `serverTime` is the server's clock when it was sent. */
    contact(mode: "stream" | "polling", serverTime?: number) {
      const at = now();
      if (serverTime !== undefined) {
        samples.push(serverTime - at);
        if (samples.length > OFFSET_SAMPLES) samples.shift();
      }
      set({
        mode,
        reachable: true,
        unreachableSince: undefined,
        lastContactAt: at,
        clockOffsetMs: estimateClockOffset(samples),
        denied: false,
      });
    },
    /** The server answered, but refused the session: no data will come until it changes. */
    denied() {
      set({ mode: "polling", reachable: true, unreachableSince: undefined, denied: true });
    },
    /** The stream broke or a poll failed. */
    lost(mode: "connecting" | "polling") {
      set({
        mode,
        reachable: false,
        unreachableSince: state.reachable ? now() : (state.unreachableSince ?? now()),
      });
    },
  };
}

export type ConnectionStore = ReturnType<typeof createConnectionStore>;

/** One per tab: the tab has one stream. */
export const feedConnection = createConnectionStore();

const serverSnapshot: FeedConnection = {
  mode: "connecting",
  reachable: true,
  clockOffsetMs: 0,
  denied: false,
};

export function useFeedConnection(): FeedConnection {
  return useSyncExternalStore(feedConnection.subscribe, feedConnection.get, () => serverSnapshot);
}
