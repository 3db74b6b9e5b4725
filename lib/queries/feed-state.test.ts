import { describe, expect, it } from "vitest";
import { translator } from "@/lib/i18n/catalog";
import { dashboard } from "@/lib/i18n/messages/dashboard";
import { feedStatus as judge, type FeedInput } from "./feed-state";

const english = translator("en", dashboard.en);
const feedStatus = (input: FeedInput) => judge(input, english);

const now = 1_800_000_000_000;
const fresh: FeedInput = {
  now,
  clockOffsetMs: 0,
  reachable: true,
  snapshot: { stale: false, positionsAt: now - 4_000, positionsIntervalMs: 10_000 },
};

describe("feedStatus", () => {
  it("is live when connected, not stale and positions are recent", () => {
    expect(feedStatus(fresh)).toEqual({ state: "live", dataAgeMs: 4_000 });
  });

  it("is delayed with the server's reason when the snapshot is stale", () => {
    const status = feedStatus({
      ...fresh,
      snapshot: { ...fresh.snapshot!, stale: true, staleReason: "FleetUp is not answering" },
    });
    expect(status).toMatchObject({ state: "delayed", reason: "FleetUp is not answering" });
  });

  it("is delayed when positions are older than three poll intervals plus 5 s", () => {
    const late = { ...fresh, snapshot: { ...fresh.snapshot!, positionsAt: now - 36_000 } };
    expect(feedStatus(late).state).toBe("delayed");
    const onTime = { ...fresh, snapshot: { ...fresh.snapshot!, positionsAt: now - 34_000 } };
    expect(feedStatus(onTime).state).toBe("live");
  });

  it("is offline when positions are older than 12 poll intervals (2 min at 10 s polls)", () => {
    const old = { ...fresh, snapshot: { ...fresh.snapshot!, positionsAt: now - 121_000 } };
    expect(feedStatus(old)).toMatchObject({ state: "offline", dataAgeMs: 121_000 });
  });

  it("goes offline after 24 s with the e2e suite's 2 s polls, but never before 20 s", () => {
    const e2e = (ageMs: number, intervalMs = 2_000) =>
      feedStatus({
        ...fresh,
        snapshot: { stale: true, positionsAt: now - ageMs, positionsIntervalMs: intervalMs },
      }).state;
    expect(e2e(23_000)).toBe("delayed");
    expect(e2e(25_000)).toBe("offline");
    expect(e2e(19_000, 500)).toBe("delayed");
  });

  it("is delayed while reconnecting and offline once the server is unreachable for 30 s", () => {
    expect(feedStatus({ ...fresh, reachable: false, unreachableSince: now - 5_000 })).toMatchObject(
      { state: "delayed", reason: "Reconnecting to the server" },
    );
    expect(
      feedStatus({ ...fresh, reachable: false, unreachableSince: now - 31_000 }),
    ).toMatchObject({ state: "offline", reason: "The server cannot be reached" });
  });

  it("measures the age on the server's clock, so a browser clock 5 min behind reads true", () => {
    const skewed = { ...fresh, now: now - 300_000, clockOffsetMs: 300_000 };
    expect(feedStatus(skewed)).toEqual({ state: "live", dataAgeMs: 4_000 });
  });

  it("is delayed before the first snapshot arrives", () => {
    expect(feedStatus({ now, clockOffsetMs: 0, reachable: true })).toMatchObject({
      state: "delayed",
      reason: "Connecting to the server",
    });
  });

  it("says why in the reader's language; the server's own reason as the server says it", () => {
    const spanish = translator("es", dashboard.es);
    expect(judge({ now, clockOffsetMs: 0, reachable: true }, spanish).reason).toBe(
      "Conectando con el servidor",
    );
    const stale = {
      ...fresh,
      snapshot: { ...fresh.snapshot!, stale: true, staleReason: "FleetUp 503" },
    };
    expect(judge(stale, spanish).reason).toBe("FleetUp 503");
  });
});
