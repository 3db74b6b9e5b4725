import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { describe, expect, it, vi } from "vitest";
import { parseEnv } from "@/lib/env";
import { DEFAULT_STATUS_THRESHOLDS } from "@/lib/fleet/status";
import type { Position } from "@/lib/fleet/types";
import { decodeSnapshot } from "@/lib/fleet/wire";
import { FleetState } from "./fleet-state";
import { FleetMirror } from "./mirror";
import { SnapshotCache } from "./snapshot-cache";

const intervals = parseEnv({}).live.intervals;
const T0 = Date.UTC(2026, 10, 28, 12);
const fix = (lat: number): Position => ({ deviceId: "a", lat, lng: -112, fixTime: T0 });

/** A follower's mirror fed by a leader, on a clock the test moves. */
function fleet() {
  const clock = { now: T0 };
  const leader = new FleetState(intervals, DEFAULT_STATUS_THRESHOLDS);
  leader.startAt(1_000);
  const mirror = new FleetMirror(() => clock.now);
  mirror.load(leader.snapshot(T0));
  let lat = 33;
  const poll = () => {
    lat += 0.01;
    mirror.apply(leader.succeeded({ feed: "positions", positions: [fix(lat)] }, clock.now));
  };
  poll();
  return { clock, mirror, poll, cache: new SnapshotCache(mirror) };
}

describe("SnapshotCache", () => {
  it("encodes a version once, however many ask for it", () => {
    const { mirror, cache } = fleet();
    const snapshot = vi.spyOn(mirror, "snapshot");
    const first = cache.current();
    expect(cache.current()).toBe(first);
    expect(cache.current()).toBe(first);
    expect(snapshot).toHaveBeenCalledTimes(1);
  });

  it("encodes each new version anew, under a new ETag", () => {
    const { mirror, poll, cache } = fleet();
    const before = cache.current();
    poll();
    const after = cache.current();
    expect(after.version).toBe(mirror.currentVersion);
    expect(after.version).toBeGreaterThan(before.version);
    expect(after.etag).not.toBe(before.etag);
    expect(decodeSnapshot(JSON.parse(after.body.toString())).version).toBe(after.version);
  });

  it("gives a weak ETag: every coding of a version is the same snapshot", () => {
    const { cache } = fleet();
    expect(cache.current().etag).toMatch(/^W\/"[^"]+"$/);
  });

  it("serves the same version under another ETag once the leader has gone quiet, marked stale", () => {
    const { clock, mirror, cache } = fleet();
    const heard = cache.current();
    expect(mirror.staleness().stale).toBe(false);
    clock.now += 4 * intervals.positions;
    const quiet = cache.current();
    expect(quiet.version).toBe(heard.version);
    expect(quiet.etag).not.toBe(heard.etag);
    expect(decodeSnapshot(JSON.parse(quiet.body.toString())).stale).toBe(true);
  });

  it("sends a stream the same bytes as the snapshot answer, as an SSE event with the version's id", () => {
    const { mirror, cache } = fleet();
    const encoded = cache.current();
    expect(decodeSnapshot(JSON.parse(encoded.body.toString()))).toEqual(mirror.snapshot());
    expect(encoded.frame.toString()).toBe(
      `id: ${encoded.version}\nevent: snapshot\ndata: ${encoded.body.toString()}\n\n`,
    );
  });
});

describe("EncodedSnapshot.coded", () => {
  it("compresses each coding once per version, however many ask at once", () => {
    const encoded = fleet().cache.current();
    const asks = [encoded.coded("br"), encoded.coded("br"), encoded.coded("br")];
    expect(asks[1]).toBe(asks[0]);
    expect(asks[2]).toBe(asks[0]);
    expect(encoded.coded("gzip")).toBe(encoded.coded("gzip"));
    expect(encoded.coded("gzip")).not.toBe(encoded.coded("br"));
  });

  it("holds the snapshot's own bytes in each coding", async () => {
    const encoded = fleet().cache.current();
    expect(brotliDecompressSync(await encoded.coded("br"))).toEqual(encoded.body);
    expect(gunzipSync(await encoded.coded("gzip"))).toEqual(encoded.body);
  });
});
