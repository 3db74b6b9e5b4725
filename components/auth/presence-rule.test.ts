import { describe, expect, it } from "vitest";
import type { FeedConnection } from "@/lib/queries/feed-connection";
import {
  presenceStep,
  presenceTiming,
  receivingFeed,
  warningDue,
  type PresenceState,
} from "./presence-rule";

const IDLE_S = 30 * 60;
const TIMING = presenceTiming(IDLE_S);
const T0 = 1_800_000_000_000;
const visibleLive = { visible: true, receiving: true };
const hidden = { visible: false, receiving: true };

const fresh = (): PresenceState => ({
  idleEndsAt: T0 + IDLE_S * 1000,
  presentAt: T0,
  checkedAt: 0,
  answeredAt: T0,
});

describe("presence timing", () => {
  it("warns two minutes before an idle sign-out, and reports once a minute", () => {
    expect(presenceTiming(1800)).toEqual({ reportEveryMs: 60_000, warnBeforeMs: 120_000 });
  });

  it("scales to a short idle window, leaving room to answer the warning", () => {
    expect(presenceTiming(60)).toEqual({ reportEveryMs: 10_000, warnBeforeMs: 15_000 });
  });
});

describe("receiving the live feed", () => {
  const connection = (patch: Partial<FeedConnection>): FeedConnection => ({
    mode: "stream",
    reachable: true,
    clockOffsetMs: 0,
    denied: false,
    lastContactAt: T0,
    ...patch,
  });

  it("counts a stream message or a poll answer in the last 45 s", () => {
    expect(receivingFeed(connection({}), T0 + 44_000)).toBe(true);
    expect(receivingFeed(connection({ mode: "polling" }), T0 + 1000)).toBe(true);
    expect(receivingFeed(connection({}), T0 + 45_000)).toBe(false);
  });

  it("does not count a page without a feed, an unreachable one or a refused one", () => {
    expect(receivingFeed(connection({ lastContactAt: undefined }), T0)).toBe(false);
    expect(receivingFeed(connection({ reachable: false }), T0)).toBe(false);
    expect(receivingFeed(connection({ denied: true }), T0)).toBe(false);
  });
});

describe("the page's next step", () => {
  it("a visible page receiving the feed reports presence once a minute, without any input", () => {
    expect(presenceStep(fresh(), T0 + 59_000, visibleLive, TIMING)).toBe("wait");
    expect(presenceStep(fresh(), T0 + 60_000, visibleLive, TIMING)).toBe("report");
  });

  it("a hidden page never reports presence, even with the feed flowing", () => {
    for (let s = 0; s < IDLE_S; s += 30) {
      expect(presenceStep(fresh(), T0 + s * 1000, hidden, TIMING)).not.toBe("report");
    }
  });

  it("a visible page without the feed (an admin page, a lost stream) does not count", () => {
    const page = { visible: true, receiving: false };
    expect(presenceStep(fresh(), T0 + 5 * 60_000, page, TIMING)).toBe("wait");
  });

  it("asks how long is left once the warning is due, then every minute, then until it ends", () => {
    const state = fresh();
    const warnFrom = state.idleEndsAt - TIMING.warnBeforeMs;
    expect(presenceStep(state, warnFrom - 1, hidden, TIMING)).toBe("wait");
    expect(presenceStep(state, warnFrom, hidden, TIMING)).toBe("check");
    state.checkedAt = warnFrom;
    expect(presenceStep(state, warnFrom + 30_000, hidden, TIMING)).toBe("wait");
    expect(presenceStep(state, warnFrom + 60_000, hidden, TIMING)).toBe("check");
    state.checkedAt = state.idleEndsAt;
    expect(presenceStep(state, state.idleEndsAt + 1000, hidden, TIMING)).toBe("check");
  });
});

describe("the warning", () => {
  it("shows only once the server has confirmed the end is near", () => {
    const state = fresh();
    const warnFrom = state.idleEndsAt - TIMING.warnBeforeMs;
    expect(warningDue(state, warnFrom - 1, TIMING)).toBe(false);
    // Another tab may have kept the session: not before the server's answer says otherwise.
    expect(warningDue(state, warnFrom + 1000, TIMING)).toBe(false);
    state.answeredAt = warnFrom + 500;
    expect(warningDue(state, warnFrom + 1000, TIMING)).toBe(true);
  });

  it("closes when an answer moves the deadline (presence in this or another tab)", () => {
    const state = { ...fresh(), answeredAt: T0 + IDLE_S * 1000 - 60_000 };
    const now = state.answeredAt;
    expect(warningDue(state, now, TIMING)).toBe(true);
    state.idleEndsAt = now + IDLE_S * 1000;
    expect(warningDue(state, now, TIMING)).toBe(false);
  });
});
