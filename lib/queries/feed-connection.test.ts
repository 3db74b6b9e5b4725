import { describe, expect, it } from "vitest";
import { createConnectionStore, estimateClockOffset } from "./feed-connection";
import { reopenDelayMs } from "./fleet-feed";

describe("clock offset", () => {
  it("takes the largest sample: a server time can only be read after it was stamped", () => {
    expect(estimateClockOffset([-2_000, 300_000, 299_500])).toBe(300_000);
    expect(estimateClockOffset([])).toBe(0);
  });

  it("is measured from the server times of messages as they arrive", () => {
    let now = 1_000;
    const store = createConnectionStore(() => now);
    store.contact("stream", 61_000);
    now = 2_000;
    store.contact("stream", 61_900);
    expect(store.get().clockOffsetMs).toBe(60_000);
  });
});

describe("connection", () => {
  it("remembers since when the server has been unreachable, across failed attempts", () => {
    let now = 1_000;
    const store = createConnectionStore(() => now);
    store.contact("stream", 1_000);
    now = 5_000;
    store.lost("connecting");
    now = 9_000;
    store.lost("polling");
    expect(store.get()).toMatchObject({
      reachable: false,
      unreachableSince: 5_000,
      mode: "polling",
    });
    store.contact("polling", 9_000);
    expect(store.get()).toMatchObject({ reachable: true, unreachableSince: undefined });
  });

  it("says the session was refused until an answer comes through again", () => {
    let now = 1_000;
    const store = createConnectionStore(() => now);
    store.lost("connecting");
    store.denied();
    // The server answered (it is reachable), it only refused: never OFFLINE for that.
    expect(store.get()).toMatchObject({ denied: true, reachable: true });
    now = 2_000;
    store.contact("polling", 2_000);
    expect(store.get().denied).toBe(false);
  });
});

describe("stream reopening", () => {
  it("backs off exponentially from 1 s to at most 30 s, with jitter", () => {
    const middle = () => 0.5;
    expect([0, 1, 2, 3, 4, 5, 9].map((attempt) => reopenDelayMs(attempt, middle))).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000,
    ]);
    expect(reopenDelayMs(0, () => 0)).toBe(750);
    expect(reopenDelayMs(0, () => 1)).toBe(1_250);
  });
});
