import { createServer, get, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { readFrames, type StreamBody } from "@/e2e/support/event-stream";
import { DeltaBroadcaster } from "./broadcaster";
import type { LiveService } from "./service";
import { openFleetStream, writeFleetStream } from "./sse";
import { StreamRegistry } from "./streams";

const frameOf = (version: number) =>
  new TextEncoder().encode(`id: ${version}\nevent: snapshot\ndata: {}\n\n`);

/** Just what openFleetStream reads of the live service. */
function fakeLive() {
  let version = 7;
  return {
    streams: new StreamRegistry(1000),
    broadcaster: new DeltaBroadcaster(600, () => version),
    snapshots: { current: () => ({ version, frame: frameOf(version) }) },
    setVersion: (next: number) => {
      version = next;
    },
  };
}

/** A stream's events as "id kind", read until it ends or `last` arrives. */
async function eventsOf(body: StreamBody, last?: string): Promise<string[]> {
  const events: string[] = [];
  for await (const frame of readFrames(body)) {
    events.push(`${frame.id} ${frame.event}`);
    if (events.at(-1) === last) break;
  }
  return events;
}

describe("openFleetStream's end on shutdown", () => {
  it("ends every open stream when the server shuts down", async () => {
    const live = fakeLive();
    const streams = [1, 2].map(() =>
      openFleetStream(live as unknown as LiveService, undefined, new AbortController().signal),
    );
    expect(live.streams.open).toBe(2);
    expect(live.streams.atSocket).toBe(0);
    live.streams.endAll();
    expect(live.streams.open).toBe(0);
    for (const stream of streams) expect(await eventsOf(stream)).toEqual(["7 snapshot"]);
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
      { key: "user:a", stillValid },
    );
    const events = eventsOf(stream);
    await vi.advanceTimersByTimeAsync(3000);
    expect(stillValid).toHaveBeenCalledTimes(3);
    expect(live.streams.open).toBe(1);

    valid = false;
    await vi.advanceTimersByTimeAsync(1000);
    expect(await events).toEqual(["7 snapshot"]);
    expect(live.streams.open).toBe(0);
  });

  it("keeps the stream open when a check fails rather than answering", async () => {
    const live = fakeLive();
    const stillValid = vi.fn(() => Promise.reject(new Error("disk hiccup")));
    const abort = new AbortController();
    openFleetStream(live as unknown as LiveService, undefined, abort.signal, {
      key: "user:a",
      stillValid,
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

/** A delta of 600 kB: a few of them fill any socket's buffers. */
const bigDelta = (version: number) => ({
  f: 1,
  v: version,
  b: version - 1,
  t: version,
  s: 0 as const,
  r: "x".repeat(600_000),
});

describe("openFleetStream's back-pressure", () => {
  it("stops queueing for a stream that does not read, then sends the snapshot of the moment it drains", async () => {
    const live = fakeLive();
    const stream = openFleetStream(
      live as unknown as LiveService,
      undefined,
      new AbortController().signal,
    );
    // Nobody reads: after about 2 MiB the stream is behind and takes nothing more.
    for (let version = 8; version <= 20; version += 1) {
      live.setVersion(version);
      live.broadcaster.publish(bigDelta(version));
    }
    const events = await eventsOf(stream, "20 snapshot");
    // The snapshot it had, the deltas that fitted, then the snapshot of version 20: no gap.
    const deltas = events.slice(1, -1);
    expect(events[0]).toBe("7 snapshot");
    expect(deltas.length).toBeGreaterThan(0);
    expect(deltas.length).toBeLessThan(6);
    expect(deltas).toEqual(deltas.map((_, i) => `${8 + i} delta`));
  });

  it("ends a stream that stays behind for two minutes, so its browser reconnects", async () => {
    const live = fakeLive();
    let clock = 0;
    const stream = openFleetStream(
      live as unknown as LiveService,
      undefined,
      new AbortController().signal,
      { now: () => clock },
    );
    for (let version = 8; version <= 12; version += 1) live.broadcaster.publish(bigDelta(version));
    expect(live.streams.open).toBe(1);
    clock += 121_000;
    live.broadcaster.publish(bigDelta(13));
    expect(live.streams.open).toBe(0);
    await stream.cancel();
  });
});

describe("writeFleetStream, straight to a Node.js response", () => {
  /** A real HTTP server whose one route is the stream, and a client connected to it. */
  async function connected(live: ReturnType<typeof fakeLive>) {
    let serverSide: ServerResponse | undefined;
    const server = createServer((_request, response) => {
      serverSide = response;
      writeFleetStream(live as unknown as LiveService, undefined, response, {
        "x-frame-options": "DENY",
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const client = await new Promise<IncomingMessage>((resolve) =>
      get(`http://127.0.0.1:${port}/`, resolve),
    );
    return {
      client,
      server: () => serverSide!,
      close: () => {
        client.destroy();
        server.closeAllConnections();
        server.close();
      },
    };
  }

  it("answers with the stream's headers and the caller's, then the snapshot", async () => {
    const live = fakeLive();
    const { client, close } = await connected(live);
    try {
      expect(client.headers["content-type"]).toBe("text/event-stream; charset=utf-8");
      expect(client.headers["x-frame-options"]).toBe("DENY");
      expect(await eventsOf(client, "7 snapshot")).toEqual(["7 snapshot"]);
    } finally {
      close();
    }
  });

  it("holds a bounded queue for a client that does not read, then sends the snapshot of the moment it drains", async () => {
    const live = fakeLive();
    const { client, server, close } = await connected(live);
    try {
      client.pause();
      // Far more than the kernel's socket buffers take: the rest waits in the response.
      for (let version = 8; version <= 60; version += 1) {
        live.setVersion(version);
        live.broadcaster.publish(bigDelta(version));
      }
      expect(server().writableLength).toBeLessThan(2 * 1024 * 1024 + 700_000);
      client.resume();
      const events = await eventsOf(client, "60 snapshot");
      const deltas = events.slice(1, -1);
      expect(events[0]).toBe("7 snapshot");
      expect(events.at(-1)).toBe("60 snapshot");
      // Fewer deltas than were published, with no gap among those sent.
      expect(deltas.length).toBeLessThan(53);
      expect(deltas).toEqual(deltas.map((_, i) => `${8 + i} delta`));
    } finally {
      close();
    }
  });

  it("forgets the stream when the client goes away, and ends the response on shutdown", async () => {
    const live = fakeLive();
    const first = await connected(live);
    expect(live.streams.open).toBe(1);
    expect(live.streams.atSocket).toBe(1);
    first.close();
    await vi.waitFor(() => expect(live.streams.open).toBe(0));
    expect(live.streams.atSocket).toBe(0);

    const second = await connected(live);
    try {
      const ended = new Promise((resolve) => second.client.on("end", resolve).resume());
      live.streams.endAll();
      await ended;
      expect(live.streams.open).toBe(0);
    } finally {
      second.close();
    }
  });
});
