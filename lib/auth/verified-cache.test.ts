import { describe, expect, it, vi } from "vitest";
import {
  onSessionsChanged,
  sessionsChanged,
  VERIFIED_FOR_MS,
  VerifiedCache,
} from "./verified-cache";

describe("VerifiedCache", () => {
  it("believes a verified session for a few seconds, then asks again", () => {
    let now = 1_000;
    const cache = new VerifiedCache<string>(() => now);
    cache.set("cookie", "ada");
    now += VERIFIED_FOR_MS - 1;
    expect(cache.get("cookie")).toBe("ada");
    now += 1;
    expect(cache.get("cookie")).toBeUndefined();
  });

  it("never believes a session past the end it was given (a rotation due, a link expiring)", () => {
    let now = 1_000;
    const cache = new VerifiedCache<string>(() => now);
    cache.set("cookie", "wall", now + 100);
    now += 100;
    expect(cache.get("cookie")).toBeUndefined();
  });

  it("forgets every session at once when sessions change here, and tells the other instances", async () => {
    const cache = new VerifiedCache<string>();
    cache.set("a", "ada");
    cache.set("b", "bob");
    const tell = vi.fn(async () => undefined);
    const stop = onSessionsChanged(tell);
    await sessionsChanged();
    stop();
    expect(cache.get("a")).toBeUndefined();
    expect(cache.get("b")).toBeUndefined();
    expect(tell).toHaveBeenCalledTimes(1);
  });
});
