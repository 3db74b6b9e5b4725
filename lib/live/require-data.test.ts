import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { DEFAULT_STATUS_THRESHOLDS } from "@/lib/fleet/status";
import { HttpError } from "@/lib/http/http-error";
import { FleetState } from "./fleet-state";
import { FleetMirror } from "./mirror";
import { requireData } from "./require-data";
import type { LiveService } from "./service";

/** The production schedule: lib/env.ts's defaults. */
const intervals = parseEnv({}).live.intervals;

describe("requireData", () => {
  it("answers 503 with the reason and Retry-After before the first positions arrive", () => {
    const mirror = new FleetMirror();
    let thrown: unknown;
    try {
      requireData({ mirror } as LiveService);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(HttpError);
    expect(thrown).toMatchObject({
      code: "upstream_unavailable",
      headers: { "retry-after": "5" },
    });
    expect((thrown as Error).message).toMatch(
      /^No fleet data yet: Waiting for the first positions/,
    );
  });

  it("lets the request through once positions have arrived, even when they are stale", () => {
    const state = new FleetState(intervals, DEFAULT_STATUS_THRESHOLDS);
    const mirror = new FleetMirror();
    mirror.apply(
      state.succeeded({ feed: "positions", positions: [{ deviceId: "a", lat: 33, lng: -112 }] }, 1),
    );
    mirror.apply(
      state.failed("positions", { kind: "timeout", message: "FleetUp did not answer in time" }, 2),
    );
    expect(mirror.staleness().stale).toBe(true);
    expect(() => requireData({ mirror } as LiveService)).not.toThrow();
  });
});
