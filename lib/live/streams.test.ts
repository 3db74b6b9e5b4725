import { describe, expect, it } from "vitest";
import { StreamRegistry } from "./streams";

const LIMITS = { perSession: 2, max: 3 };

describe("stream limits", () => {
  it("refuses a session its streams past the per-session limit, and frees a place on close", () => {
    const streams = new StreamRegistry();
    const ends = [() => {}, () => {}];
    for (const end of ends) {
      expect(streams.refusal("user:a", LIMITS)).toBeUndefined();
      streams.opened(end, "user:a");
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
    for (const key of ["user:a", "user:b", "display:c"]) streams.opened(() => {}, key);
    expect(streams.refusal("user:d", LIMITS)).toMatchObject({ retryAfterS: 5 });
  });
});
