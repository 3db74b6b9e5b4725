import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { LiveService } from "./service";
import { openFleetStream } from "./sse";
import { StreamRegistry } from "./streams";

/** Just what openFleetStream reads of the live service. */
function fakeLive() {
  return {
    streams: new StreamRegistry(),
    broadcaster: { since: () => undefined, subscribe: () => () => undefined },
    snapshots: { current: () => ({ version: 7, json: "{}" }) },
    mirror: { currentVersion: 7 },
  };
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  let text = "";
  const decoder = new TextDecoder();
  const reader = stream.getReader();
  for (let part = await reader.read(); !part.done; part = await reader.read()) {
    text += decoder.decode(part.value);
  }
  return text;
}

describe("openFleetStream's end on shutdown", () => {
  it("ends every open stream when the server shuts down", async () => {
    const live = fakeLive();
    const streams = [1, 2].map(() =>
      openFleetStream(live as unknown as LiveService, undefined, new AbortController().signal),
    );
    expect(live.streams.open).toBe(2);
    live.streams.endAll();
    expect(live.streams.open).toBe(0);
    for (const stream of streams) expect(await readAll(stream)).toContain("event: snapshot");
  });
});

describe("openFleetStream's session re-check", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("ends the stream when the session stops being valid, and only then", async () => {
    const live = fakeLive();
    let valid = true;
    const stillValid = vi.fn(async () => valid);
    const stream = openFleetStream(
      live as unknown as LiveService,
      undefined,
      new AbortController().signal,
      { stillValid, recheckMs: 1000 },
    );
    const text = readAll(stream);
    await vi.advanceTimersByTimeAsync(3000);
    expect(stillValid).toHaveBeenCalledTimes(3);
    expect(live.streams.open).toBe(1);

    valid = false;
    await vi.advanceTimersByTimeAsync(1000);
    expect(await text).toContain("event: snapshot");
    expect(live.streams.open).toBe(0);
  });

  it("keeps the stream open when a check fails rather than answering", async () => {
    const live = fakeLive();
    const stillValid = vi.fn(() => Promise.reject(new Error("disk hiccup")));
    const abort = new AbortController();
    openFleetStream(live as unknown as LiveService, undefined, abort.signal, {
      stillValid,
      recheckMs: 1000,
    });
    await vi.advanceTimersByTimeAsync(2500);
    expect(stillValid).toHaveBeenCalledTimes(2);
    expect(live.streams.open).toBe(1);
    abort.abort();
    expect(live.streams.open).toBe(0);
    await vi.advanceTimersByTimeAsync(5000);
    expect(stillValid).toHaveBeenCalledTimes(2);
  });
});
