import { describe, expect, it } from "vitest";
import { clientAddress, MemoryAttemptLimiter, throttledMessage } from "./throttle";

function limiterAt(max: number, windowMs: number) {
  const clock = { now: 1_000_000 };
  return { clock, limiter: new MemoryAttemptLimiter(max, windowMs, () => clock.now) };
}

describe("sign-in throttle", () => {
  it("lets the first failures through and blocks after the fifth in the window", async () => {
    const { limiter } = limiterAt(5, 15 * 60_000);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect(await limiter.retryAfterMs("a@example.com")).toBe(0);
      await limiter.recordFailure("a@example.com");
    }
    expect(await limiter.retryAfterMs("a@example.com")).toBe(15 * 60_000);
  });

  it("opens again when the oldest failure leaves the window", async () => {
    const { clock, limiter } = limiterAt(2, 60_000);
    await limiter.recordFailure("k");
    clock.now += 10_000;
    await limiter.recordFailure("k");
    expect(await limiter.retryAfterMs("k")).toBe(50_000);
    clock.now += 50_000;
    expect(await limiter.retryAfterMs("k")).toBe(0);
  });

  it("counts each key on its own", async () => {
    const { limiter } = limiterAt(1, 60_000);
    await limiter.recordFailure("a@example.com");
    expect(await limiter.retryAfterMs("a@example.com")).toBeGreaterThan(0);
    expect(await limiter.retryAfterMs("b@example.com")).toBe(0);
  });

  it("forgets an account's failures after a successful sign-in", async () => {
    const { limiter } = limiterAt(2, 60_000);
    await limiter.recordFailure("a");
    await limiter.reset("a");
    await limiter.recordFailure("a");
    expect(await limiter.retryAfterMs("a")).toBe(0);
  });

  it("says how many minutes to wait, rounded up", () => {
    expect(throttledMessage(1)).toBe("Too many sign-in attempts. Try again in 1 minute.");
    expect(throttledMessage(14 * 60_000 + 1)).toBe(
      "Too many sign-in attempts. Try again in 15 minutes.",
    );
  });

  it("takes the address the nearest proxy appended, not one a client can forge", () => {
    expect(clientAddress({ "x-forwarded-for": "6.6.6.6, 10.0.0.7" })).toBe("10.0.0.7");
    expect(clientAddress({ "x-forwarded-for": "127.0.0.1" })).toBe("127.0.0.1");
    expect(clientAddress({ "x-real-ip": "10.0.0.9" })).toBe("10.0.0.9");
    expect(clientAddress({})).toBe("unknown");
  });
});
