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

  it("verifies once however many ask at the same moment, and keeps nothing a change overtook", async () => {
    const cache = new VerifiedCache<string>();
    let release = (_: { value: string } | null) => {};
    const verify = vi.fn(
      () => new Promise<{ value: string } | null>((resolve) => (release = resolve)),
    );
    const asks = Array.from({ length: 100 }, () => cache.verified("cookie", verify));
    release({ value: "ada" });
    expect(await Promise.all(asks)).toEqual(Array(100).fill("ada"));
    expect(verify).toHaveBeenCalledTimes(1);
    expect(cache.get("cookie")).toBe("ada");

    const other = cache.verified("other", verify);
    cache.clear(); // signed out while the database was being asked
    release({ value: "bob" });
    expect(await other).toBe("bob");
    expect(cache.get("other")).toBeUndefined();
  });
});
