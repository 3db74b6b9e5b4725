// @vitest-environment happy-dom
import { act, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { renderWithApp, testQueryClient, testSnapshot } from "@/e2e/support/component";
import type { FleetSnapshot } from "@/lib/fleet/live";
import { feedConnection } from "@/lib/queries/feed-connection";
import { fleetQueries } from "@/lib/queries/fleet";
import { FeedIndicator } from "./feed-indicator";

/**
 * The clock is faked from the real time on: the connection store stamps a lost connection with
 * the real Date.now it captured when it loaded, the indicator judges by the faked one, and both
 * must start together. Positions are polled every 10 s here: DELAYED past 35 s, OFFLINE past
 * 2 min (lib/queries/feed-state.ts).
 */
beforeEach(() => {
  vi.useFakeTimers();
  feedConnection.contact("stream");
});
afterEach(() => {
  vi.useRealTimers();
});

function showIndicator(snapshot?: Partial<FleetSnapshot>) {
  const client = testQueryClient();
  if (snapshot) {
    client.setQueryData(
      fleetQueries.snapshot().queryKey,
      testSnapshot({
        feeds: { positions: { intervalMs: 10_000, consecutiveFailures: 0 } },
        ...snapshot,
      }),
    );
  }
  renderWithApp(<FeedIndicator />, { client });
}

/** The indicator as a person sees it: its state word with the reason read after it, its words. */
function indicator() {
  const box = screen.getByTestId("feed-indicator");
  return {
    state: box.dataset.feedState,
    status: screen.getByRole("status").textContent,
    text: box.textContent,
  };
}

function wait(ms: number) {
  act(() => vi.advanceTimersByTime(ms));
}

describe("the feed indicator", () => {
  it("says LIVE, and how old the data is, while positions are recent", () => {
    showIndicator({ positionsAt: Date.now() - 4_000 });
    expect(indicator()).toEqual({ state: "live", status: "LIVE", text: "LIVEdata 4 s old" });
  });

  it("turns DELAYED with the data's age when positions stop coming, then OFFLINE", () => {
    showIndicator({ positionsAt: Date.now() - 4_000 });
    wait(31_000);
    expect(indicator()).toMatchObject({ state: "live", text: "LIVEdata 35 s old" });
    wait(1_000);
    expect(indicator()).toEqual({
      state: "delayed",
      status: "DELAYED: Positions are arriving late",
      text: "DELAYED: Positions are arriving latedata 36 s old· Positions are arriving late",
    });
    wait(84_000);
    expect(indicator().state).toBe("delayed");
    wait(1_000);
    expect(indicator()).toMatchObject({
      state: "offline",
      status: "OFFLINE: No new positions from the server",
      text: expect.stringContaining("data 2 min old"),
    });
  });

  it("gives the server's own reason when it says its positions are stale", () => {
    showIndicator({
      positionsAt: Date.now() - 15_000,
      stale: true,
      staleReason: "FleetUp is not answering",
    });
    expect(indicator()).toMatchObject({
      state: "delayed",
      status: "DELAYED: FleetUp is not answering",
      text: expect.stringContaining("data 15 s old"),
    });
  });

  it("is DELAYED while it reconnects, and OFFLINE once the server is unreachable for 30 s", () => {
    showIndicator({ positionsAt: Date.now() - 2_000 });
    act(() => feedConnection.lost("polling"));
    expect(indicator()).toEqual({
      state: "delayed",
      status: "DELAYED: Reconnecting to the server",
      text: "DELAYED: Reconnecting to the serverdata 2 s old· Reconnecting to the server (polling)",
    });
    wait(30_000);
    expect(indicator().state).toBe("delayed");
    wait(2_000);
    expect(indicator()).toMatchObject({
      state: "offline",
      status: "OFFLINE: The server cannot be reached",
      text: expect.stringContaining("data 34 s old"),
    });
    // Back: the positions it holds are 34 s old, recent enough to be live again.
    act(() => feedConnection.contact("stream"));
    expect(indicator()).toEqual({ state: "live", status: "LIVE", text: "LIVEdata 34 s old" });
  });

  it("says there is no data yet before the first snapshot", () => {
    showIndicator();
    expect(indicator()).toMatchObject({
      state: "delayed",
      status: "DELAYED: Connecting to the server",
      text: expect.stringContaining("no data yet"),
    });
  });
});
