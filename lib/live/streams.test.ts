import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { StreamRegistry } from "./streams";

const LIMITS = { perSession: 2, max: 3 };

describe("stream limits", () => {
  it("refuses a session its streams past the per-session limit, and frees a place on close", () => {
    const streams = new StreamRegistry();
    const ends = [() => {}, () => {}];
    for (const end of ends) {
      expect(streams.refusal("user:a", LIMITS)).toBeUndefined();
      streams.opened(end, { key: "user:a" });
    }
    expect(streams.refusal("user:a", LIMITS)).toMatchObject({ retryAfterS: 30 });
    expect(streams.refusal("user:b", LIMITS)).toBeUndefined();
    streams.closed(ends[0]!);
    streams.closed(ends[0]!); // a second close of the same stream frees nothing more
    expect(streams.openFor("user:a")).toBe(1);
    expect(streams.refusal("user:a", LIMITS)).toBeUndefined();
  });

  it("refuses every session once the instance holds its maximum", () => {
    const streams = new StreamRegistry();
    for (const key of ["user:a", "user:b", "display:c"]) streams.opened(() => {}, { key });
    expect(streams.refusal("user:d", LIMITS)).toMatchObject({ retryAfterS: 5 });
  });
});

describe("session re-check", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("asks once per session however many streams it has, and ends them all when it fails", async () => {
    const streams = new StreamRegistry(1000);
    let valid = true;
    const checks = { a: vi.fn(async () => valid), b: vi.fn(async () => true) };
    const ended: string[] = [];
    const open = (key: "a" | "b", name: string) => {
      const end = () => {
        ended.push(name);
        streams.closed(end);
      };
      streams.opened(end, { key: `display:${key}`, stillValid: checks[key] });
    };
    for (let i = 0; i < 3; i++) open("a", `a${i}`);
    open("b", "b0");

    await vi.advanceTimersByTimeAsync(2000);
    expect(checks.a).toHaveBeenCalledTimes(2);
    expect(checks.b).toHaveBeenCalledTimes(2);
    expect(ended).toEqual([]);

    valid = false;
    await vi.advanceTimersByTimeAsync(1000);
    expect(ended).toEqual(["a0", "a1", "a2"]);
    expect(streams.openFor("display:a")).toBe(0);
    expect(streams.openFor("display:b")).toBe(1);
  });

  it("stops asking once a session's last stream has closed", async () => {
    const streams = new StreamRegistry(1000);
    const check = vi.fn(async () => true);
    const ends = [() => {}, () => {}];
    for (const end of ends) streams.opened(end, { key: "user:a", stillValid: check });
    await vi.advanceTimersByTimeAsync(1000);
    streams.closed(ends[0]!);
    await vi.advanceTimersByTimeAsync(1000);
    expect(check).toHaveBeenCalledTimes(2);
    streams.closed(ends[1]!);
    await vi.advanceTimersByTimeAsync(5000);
    expect(check).toHaveBeenCalledTimes(2);
  });
});
