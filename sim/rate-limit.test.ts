import { afterEach, describe, expect, it } from "vitest";
import { admitRequest, type RateLimitConfig } from "./rate-limit";
import { startTestSim, type TestSim } from "./test-support";

const ONE_PER_SECOND: RateLimitConfig = { perSecond: 1, retryAfter: false, enabled: true };

describe("admitRequest (one request per second per api key)", () => {
  it("refuses a request 974 ms after the previous accepted one and admits one at 975 ms", () => {
    const last = new Map<string, number>();
    expect(admitRequest(last, "k", 10_000, ONE_PER_SECOND).admitted).toBe(true);
    expect(admitRequest(last, "k", 10_974, ONE_PER_SECOND).admitted).toBe(false);
    expect(admitRequest(last, "k", 10_975, ONE_PER_SECOND).admitted).toBe(true);
  });

  it("does not count refused requests as accepted, so retrying does not push the window out", () => {
    const last = new Map<string, number>();
    admitRequest(last, "k", 0, ONE_PER_SECOND);
    for (let at = 100; at < 975; at += 100)
      expect(admitRequest(last, "k", at, ONE_PER_SECOND).admitted).toBe(false);
    expect(admitRequest(last, "k", 975, ONE_PER_SECOND).admitted).toBe(true);
  });

  it("keeps one budget per api key", () => {
    const last = new Map<string, number>();
    expect(admitRequest(last, "a", 0, ONE_PER_SECOND).admitted).toBe(true);
    expect(admitRequest(last, "b", 1, ONE_PER_SECOND).admitted).toBe(true);
    expect(admitRequest(last, "a", 2, ONE_PER_SECOND).admitted).toBe(false);
  });

  it("scales with perSecond and tells how many whole seconds to wait", () => {
    const last = new Map<string, number>();
    const ten = { ...ONE_PER_SECOND, perSecond: 10 };
    admitRequest(last, "k", 0, ten);
    expect(admitRequest(last, "k", 74, ten).admitted).toBe(false);
    expect(admitRequest(last, "k", 75, ten).admitted).toBe(true);
    const half = { ...ONE_PER_SECOND, perSecond: 0.5 };
    admitRequest(last, "slow", 0, half);
    expect(admitRequest(last, "slow", 100, half)).toEqual({
      admitted: false,
      retryAfterSeconds: 2,
    });
  });

  it("lets everything through when disabled", () => {
    const last = new Map<string, number>();
    const off = { ...ONE_PER_SECOND, enabled: false };
    for (let at = 0; at < 5; at++) expect(admitRequest(last, "k", at, off).admitted).toBe(true);
  });
});

describe("rate limit over HTTP", () => {
  let t: TestSim | undefined;
  afterEach(() => t?.sim.close());

  it("answers the second of two back-to-back requests (including /token) with 429, without Retry-After by default", async () => {
    t = await startTestSim({}, { rateLimit: { enabled: true } });
    const credentials = { acctId: 12345, secret: "sim-secret" };
    expect((await t.call("/token", credentials)).status).toBe(200);
    const second = await t.call("/token", credentials);
    expect(second.status).toBe(429);
    expect(second.headers.get("retry-after")).toBeNull();
    const stats = (await (await t.control("stats")).json()) as {
      byPath: Record<string, Record<string, number>>;
    };
    expect(stats.byPath["/token"]).toEqual({ "200": 1, "429": 1 });
  });

  it("sends Retry-After in whole seconds when switched on", async () => {
    t = await startTestSim({}, { rateLimit: { enabled: true, retryAfter: true } });
    await t.call("/devices");
    const refused = await t.call("/devices");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("1");
  });

  it("admits a client that paces itself at the limit", async () => {
    t = await startTestSim({}, { rateLimit: { enabled: true, perSecond: 20 } });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push((await t.call("/token", { acctId: 12345, secret: "sim-secret" })).status);
      await new Promise((resolve) => setTimeout(resolve, 55));
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
  });
});
