import "server-only";
import { describe, expect, it } from "vitest";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { onTestFinished } from "vitest";
import { createFleetUpClient } from "./client";
import { isFleetUpError } from "./errors";
import { simConfig } from "@/e2e/support/test-sim";
import { parseRetryAfter } from "./transport";

type Seen = { method: string; path: string; headers: Record<string, string>; body: unknown };

/** A fake FleetUp: answers by path from `routes`, recording what was sent. */
function fakeFleetUp(routes: Record<string, (seen: Seen) => Response>) {
  const seen: Seen[] = [];
  const fetchStub: typeof fetch = async (input, init) => {
    const url = new URL(String(input));
    const entry: Seen = {
      method: init?.method ?? "GET",
      path: url.pathname + url.search,
      headers: Object.fromEntries(new Headers(init?.headers).entries()),
      body: typeof init?.body === "string" ? JSON.parse(init.body) : undefined,
    };
    seen.push(entry);
    const route = routes[url.pathname];
    return route ? route(entry) : Response.json({ message: "Not Found" }, { status: 404 });
  };
  return { fetch: fetchStub, seen };
}

const token = () => Response.json({ token: "tok-abc123" });
const fix = { devId: "A", lat: 33.4, lng: -112.1, gpsTime: "20260101000000" };
const config = (overrides = {}) =>
  simConfig("http://fleetup.test", {
    maxRequestsPerSecond: 1000,
    limiterMarginMs: 0,
    retry: { maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 2 },
    ...overrides,
  });

describe("createFleetUpClient (fake FleetUp)", () => {
  it("asks POST /token with the account id as a JSON number, as documented, and sends it as text on data calls", async () => {
    const fake = fakeFleetUp({ "/token": token, "/devices": () => Response.json({ data: [] }) });
    await createFleetUpClient(config(), { fetch: fake.fetch }).getDevices();
    expect(fake.seen[0]).toMatchObject({
      method: "POST",
      path: "/token",
      headers: { "x-api-key": "sim-api-key", "content-type": "application/json" },
      body: { acctId: 12345, secret: "sim-secret" },
    });
    expect(fake.seen[1]).toMatchObject({
      method: "POST",
      path: "/devices",
      headers: { "x-api-key": "sim-api-key", authorization: "Bearer tok-abc123" },
      body: { acctId: "12345" },
    });
  });

  it("refuses to start in jwt mode with an account id that is not a number", () => {
    expect(() => createFleetUpClient(config({ acctId: "acct-7" }))).toThrow(/numeric account id/);
    expect(() =>
      createFleetUpClient(config({ acctId: "acct-7", authMode: "legacy" })),
    ).not.toThrow();
  });

  it("sends the bare token when configured, and the legacy token header in legacy mode", async () => {
    const bare = fakeFleetUp({ "/token": token, "/devices": () => Response.json([]) });
    await createFleetUpClient(config({ authPrefix: "bare" }), { fetch: bare.fetch }).getDevices();
    expect(bare.seen[1]?.headers.authorization).toBe("tok-abc123");

    const legacy = fakeFleetUp({
      "/token": () => Response.json({ token: "legacy-tok", expireTime: 1_900_000_000 }),
      "/devices": () => Response.json([]),
    });
    await createFleetUpClient(config({ authMode: "legacy" }), { fetch: legacy.fetch }).getDevices();
    expect(legacy.seen[0]).toMatchObject({
      method: "GET",
      path: "/token?acctId=12345&secret=sim-secret",
    });
    expect(legacy.seen[1]?.headers).toMatchObject({ token: "legacy-tok" });
    expect(legacy.seen[1]?.headers.authorization).toBeUndefined();
  });

  it("falls back to /gpsdata/latest when the account has no device-last-location, and remembers it", async () => {
    const fake = fakeFleetUp({ "/token": token, "/gpsdata/latest": () => Response.json([fix]) });
    const client = createFleetUpClient(config(), { fetch: fake.fetch });
    expect(await client.getLatestPositions()).toHaveLength(1);
    expect(await client.getLatestPositions()).toHaveLength(1);
    expect(fake.seen.map((s) => s.path)).toEqual([
      "/token",
      "/gpsdata/device-last-location",
      "/gpsdata/latest",
      "/gpsdata/latest",
    ]);
    expect(client.metrics().positionsEndpoint).toBe("latest");
  });

  it("uses the configured positions endpoint without probing", async () => {
    const fake = fakeFleetUp({ "/token": token, "/gpsdata/latest": () => Response.json([fix]) });
    const client = createFleetUpClient(config({ positionsEndpoint: "latest" }), {
      fetch: fake.fetch,
    });
    await client.getLatestPositions();
    expect(fake.seen.map((s) => s.path)).toEqual(["/token", "/gpsdata/latest"]);
  });

  it("reports a body that is not a list of records as bad_payload, without retrying", async () => {
    const fake = fakeFleetUp({ "/token": token, "/devices": () => Response.json("maintenance") });
    const error = await createFleetUpClient(config(), { fetch: fake.fetch })
      .getDevices()
      .catch((caught: unknown) => caught);
    expect(isFleetUpError(error) && error.kind).toBe("bad_payload");
    expect(fake.seen.filter((s) => s.path === "/devices")).toHaveLength(1);
  });

  it("reports a token response without a token as bad_payload", async () => {
    const fake = fakeFleetUp({ "/token": () => Response.json({ ok: true }) });
    const error = await createFleetUpClient(config(), { fetch: fake.fetch })
      .getDevices()
      .catch((caught: unknown) => caught);
    expect(isFleetUpError(error) && [error.kind, error.endpoint]).toEqual([
      "bad_payload",
      "/token",
    ]);
  });

  it("fetches the shape of fences the list gives without geometry, one detail call each, and lists a fence whose detail is gone", async () => {
    const fake = fakeFleetUp({
      "/token": token,
      "/geofence/fences": () =>
        Response.json({
          data: [
            { fenceId: "1", fenceName: "Depot" },
            { fenceId: "2", fenceName: "Yard" },
          ],
        }),
      "/geofence/fence-detail": (seen) => {
        const id = (seen.body as { fenceId: string }).fenceId;
        return id === "1"
          ? Response.json({
              data: { fenceId: "1", fenceType: "circle", center: { lat: 1, lng: 2 }, radius: 50 },
            })
          : Response.json({ message: "gone" }, { status: 404 });
      },
    });
    const fences = await createFleetUpClient(config(), { fetch: fake.fetch }).getFences();
    expect(fences).toEqual([
      { id: "1", name: "Depot", kind: "circle", center: [1, 2], radiusM: 50 },
      { id: "2", name: "Yard", kind: "unknown" },
    ]);
  });

  it("stops a cancelled fence fetch at once: the detail call under way is aborted and no other is made", async () => {
    const paths: string[] = [];
    let aborted = 0;
    const controller = new AbortController();
    const fetchStub: typeof fetch = async (input, init) => {
      const path = new URL(String(input)).pathname;
      paths.push(path);
      if (path === "/token") return token();
      if (path === "/geofence/fences") {
        const data = [1, 2, 3, 4, 5].map((id) => ({ fenceId: String(id), fenceName: `F${id}` }));
        return Response.json({ data });
      }
      if (paths.filter((seen) => seen === path).length === 1) {
        return Response.json({ data: { fenceId: "1", fenceName: "F1" } });
      }
      // The second detail call hangs until it is aborted, and the poller stops meanwhile.
      const hanging = new Promise<Response>((_, reject) =>
        init?.signal?.addEventListener("abort", () => {
          aborted += 1;
          reject(new Error("aborted"));
        }),
      );
      controller.abort();
      return hanging;
    };
    const error = await createFleetUpClient(config(), { fetch: fetchStub })
      .getFences({ signal: controller.signal })
      .catch((caught: unknown) => caught);
    expect(isFleetUpError(error) && error.kind).toBe("not_sent");
    expect(paths).toEqual([
      "/token",
      "/geofence/fences",
      "/geofence/fence-detail",
      "/geofence/fence-detail",
    ]);
    expect(aborted).toBe(1);
  });

  it("fails a call the shared budget holds back as not_sent, without calling FleetUp or counting it as an outage", async () => {
    const fake = fakeFleetUp({ "/token": token, "/devices": () => Response.json({ data: [] }) });
    let open = false;
    const client = createFleetUpClient(
      config({ breaker: { consecutiveFailures: 2, halfOpenAfterMs: 60_000 } }),
      {
        fetch: fake.fetch,
        sharedBudget: {
          reserve: async () => {
            if (!open) throw new Error("Redis cannot be reached");
            return 0;
          },
        },
      },
    );
    for (let i = 0; i < 3; i += 1) {
      const error = await client.getDevices().catch((caught: unknown) => caught);
      expect(isFleetUpError(error) && error.kind).toBe("not_sent");
    }
    expect(fake.seen).toEqual([]);
    expect(client.metrics().breaker.state).toBe("closed");
    open = true;
    await client.getDevices();
    expect(fake.seen.map((seen) => seen.path)).toEqual(["/token", "/devices"]);
  });

  it("lists a fence FleetUp names without a shape, and takes shapes from FENCES_FILE by id or name", async () => {
    const directory = await mkdtemp(join(tmpdir(), "fences-"));
    onTestFinished(() => rm(directory, { recursive: true, force: true }));
    const file = join(directory, "fences.geojson");
    await writeFile(
      file,
      JSON.stringify({
        type: "FeatureCollection",
        features: [
          {
            type: "Feature",
            properties: { name: "north yard" },
            geometry: {
              type: "Polygon",
              coordinates: [
                [
                  [-112.08, 33.51],
                  [-112.07, 33.51],
                  [-112.07, 33.5],
                  [-112.08, 33.51],
                ],
              ],
            },
          },
          {
            type: "Feature",
            id: "F9",
            properties: { name: "Operator's own", radius: 120 },
            geometry: { type: "Point", coordinates: [-112.1, 33.4] },
          },
          { type: "Feature", properties: {}, geometry: { type: "Point", coordinates: [0, 0] } },
        ],
      }),
    );
    const fake = fakeFleetUp({
      "/token": token,
      "/fencealerts/fence-names": () =>
        Response.json({ fenceNames: ["Central Depot", "North Yard"] }),
    });
    const fences = await createFleetUpClient(config({ fencesFile: file }), {
      fetch: fake.fetch,
    }).getFences();
    expect(fences).toEqual([
      { id: "Central Depot", name: "Central Depot", kind: "unknown" },
      {
        id: "North Yard",
        name: "North Yard",
        kind: "polygon",
        points: [
          [33.51, -112.08],
          [33.51, -112.07],
          [33.5, -112.07],
        ],
      },
      { id: "F9", name: "Operator's own", kind: "circle", center: [33.4, -112.1], radiusM: 120 },
    ]);
    // The geofence list answered 404 (an unknown path), so the names came from fence-names.
    expect(fake.seen.map((s) => s.path)).toEqual([
      "/token",
      "/geofence/fences",
      "/fencealerts/fence-names",
    ]);
  });

  it("keeps a FENCES_FILE polygon's holes (its inner rings), so a vehicle in one is outside", async () => {
    const directory = await mkdtemp(join(tmpdir(), "fences-"));
    onTestFinished(() => rm(directory, { recursive: true, force: true }));
    const file = join(directory, "fences.geojson");
    const square = (west: number, south: number, east: number, north: number) => [
      [west, south],
      [east, south],
      [east, north],
      [west, north],
      [west, south],
    ];
    await writeFile(
      file,
      JSON.stringify({
        type: "FeatureCollection",
        features: [
          {
            type: "Feature",
            id: "Y1",
            properties: { name: "Yard with a building" },
            geometry: {
              type: "Polygon",
              coordinates: [
                square(-112.1, 33.4, -112.0, 33.5),
                square(-112.06, 33.44, -112.04, 33.46),
              ],
            },
          },
        ],
      }),
    );
    const fake = fakeFleetUp({ "/token": token, "/geofence/fences": () => Response.json([]) });
    const [fence] = await createFleetUpClient(config({ fencesFile: file }), {
      fetch: fake.fetch,
    }).getFences();
    expect(fence).toMatchObject({ id: "Y1", kind: "polygon" });
    expect(fence?.kind === "polygon" && fence.holes).toEqual([
      [
        [33.44, -112.06],
        [33.44, -112.04],
        [33.46, -112.04],
        [33.46, -112.06],
      ],
    ]);
  });

  it("reports an unreadable FENCES_FILE by name", async () => {
    const fake = fakeFleetUp({ "/token": token, "/geofence/fences": () => Response.json([]) });
    const error = await createFleetUpClient(config({ fencesFile: "/nonexistent/fences.json" }), {
      fetch: fake.fetch,
    })
      .getFences()
      .catch((caught: unknown) => caught);
    expect(String(error)).toMatch(
      /FENCES_FILE \/nonexistent\/fences.json cannot be read \(ENOENT\)/,
    );
  });

  it("asks for no alerts when there are no devices", async () => {
    const fake = fakeFleetUp({ "/token": token });
    expect(
      await createFleetUpClient(config(), { fetch: fake.fetch }).getAlertsSince(0, []),
    ).toEqual([]);
    expect(fake.seen).toHaveLength(0);
  });
});

describe("FleetUp's words and error envelopes", () => {
  const secretBody = (text: string) =>
    `${text} (request acctId 12345, x-api-key sim-api-key, Authorization Bearer tok-abc123, secret sim-secret) ${"x".repeat(800)}`;

  it("keeps a 400's body in the error, redacted of every secret and token and cut to 500 characters", async () => {
    const fake = fakeFleetUp({
      "/token": token,
      "/devices": () =>
        Response.json({ message: secretBody("devIds must not be empty") }, { status: 400 }),
    });
    const lines: string[] = [];
    const logger = {
      debug() {},
      info() {},
      warn: (message: string, fields?: object) =>
        lines.push(`${message} ${JSON.stringify(fields)}`),
      error() {},
    };
    const error = await createFleetUpClient(config(), { fetch: fake.fetch, logger })
      .getDevices()
      .catch((caught: unknown) => caught);
    expect(isFleetUpError(error) && [error.kind, error.status]).toEqual(["upstream", 400]);
    const upstream = isFleetUpError(error) ? (error.upstream ?? "") : "";
    expect(upstream).toMatch(
      /^\{"message":"devIds must not be empty \(request acctId \[redacted\]/,
    );
    expect(upstream.length).toBeLessThanOrEqual(500);
    expect(lines.some((line) => line.includes("devIds must not be empty"))).toBe(true);
    for (const text of [upstream, String(error), ...lines]) {
      for (const secret of ["12345", "sim-api-key", "tok-abc123", "sim-secret"]) {
        expect(text).not.toContain(secret);
      }
    }
    expect(fake.seen.filter((s) => s.path === "/devices")).toHaveLength(1);
  });

  it.each([
    [{ code: 500, msg: "database unavailable" }, "database unavailable"],
    [{ success: false, message: "account suspended" }, "account suspended"],
  ])(
    "reads a 200 carrying %j as an error with FleetUp's words, not as an empty fleet",
    async (body, words) => {
      const fake = fakeFleetUp({
        "/token": token,
        "/gpsdata/device-last-location": () => Response.json(body),
      });
      const error = await createFleetUpClient(config(), { fetch: fake.fetch })
        .getLatestPositions()
        .catch((caught: unknown) => caught);
      expect(isFleetUpError(error)).toBe(true);
      expect(isFleetUpError(error) && error.upstream).toContain(words);
      expect(isFleetUpError(error) && error.envelope).toBe(true);
    },
  );

  it("refreshes the token once on a token-type envelope code, then succeeds", async () => {
    let calls = 0;
    const fake = fakeFleetUp({
      "/token": () => Response.json({ token: `tok-${++calls}` }),
      "/devices": (seen) =>
        seen.headers.authorization?.endsWith("tok-1")
          ? Response.json({ code: 401, msg: "Token expired" })
          : Response.json({ data: [{ devId: "A" }] }),
    });
    const client = createFleetUpClient(config(), { fetch: fake.fetch });
    expect(await client.getDevices()).toHaveLength(1);
    expect(fake.seen.map((s) => s.headers.authorization ?? s.path)).toEqual([
      "/token",
      "Bearer tok-1",
      "tok-1",
      "/token",
      "Bearer tok-2",
    ]);
    expect(client.metrics()).toMatchObject({ tokenRequests: 2, replays: 1, authForm: "bearer" });
  });
});

describe("the Authorization form", () => {
  it("retries a fresh token's 401 under Bearer with the bare token, and keeps using it", async () => {
    const fake = fakeFleetUp({
      "/token": token,
      "/devices": (seen) =>
        seen.headers.authorization === "tok-abc123"
          ? Response.json({ data: [{ devId: "A" }] })
          : Response.json({ message: "Unauthorized" }, { status: 401 }),
    });
    const warnings: string[] = [];
    const logger = { debug() {}, info() {}, warn: (m: string) => warnings.push(m), error() {} };
    const client = createFleetUpClient(config(), { fetch: fake.fetch, logger });
    expect(await client.getDevices()).toHaveLength(1);
    expect(await client.getDevices()).toHaveLength(1);
    expect(fake.seen.map((s) => [s.path, s.headers.authorization])).toEqual([
      ["/token", undefined],
      ["/devices", "Bearer tok-abc123"],
      ["/devices", "tok-abc123"],
      ["/devices", "tok-abc123"],
    ]);
    expect(client.metrics()).toMatchObject({ authForm: "bare", tokenRequests: 1 });
    expect(warnings.filter((w) => /accepted the bare token/.test(w))).toHaveLength(1);
  });

  it("refreshes (not switches form) when a token FleetUp accepted before is refused", async () => {
    let issued = 0;
    let expired = false;
    const fake = fakeFleetUp({
      "/token": () => Response.json({ token: `tok-${++issued}` }),
      "/devices": (seen) =>
        expired && seen.headers.authorization === "Bearer tok-1"
          ? Response.json({ message: "Token expired" }, { status: 401 })
          : Response.json({ data: [] }),
    });
    const client = createFleetUpClient(config(), { fetch: fake.fetch });
    await client.getDevices();
    expired = true;
    await client.getDevices();
    expect(fake.seen.map((s) => s.headers.authorization ?? s.path)).toEqual([
      "/token",
      "Bearer tok-1",
      "Bearer tok-1",
      "/token",
      "Bearer tok-2",
    ]);
    expect(client.metrics()).toMatchObject({ authForm: "bearer", replays: 1 });
  });
});

describe("the circuit breaker", () => {
  it("lets the positions poll through as a trial each time while open, and fails other calls fast", async () => {
    let down = true;
    const fake = fakeFleetUp({
      "/token": token,
      "/devices": () => (down ? new Response("down", { status: 503 }) : Response.json([])),
      "/gpsdata/device-last-location": () =>
        down ? new Response("down", { status: 503 }) : Response.json([fix]),
    });
    const client = createFleetUpClient(
      config({
        retry: { maxAttempts: 1, initialDelayMs: 1, maxDelayMs: 1 },
        breaker: { consecutiveFailures: 2, halfOpenAfterMs: 60_000 },
      }),
      { fetch: fake.fetch },
    );
    for (let i = 0; i < 2; i += 1) await client.getDevices().catch(() => undefined);
    expect(client.metrics().breaker).toEqual({ state: "open", opens: 1 });
    const calls = () => fake.seen.filter((s) => s.path !== "/token").length;
    const before = calls();
    await expect(client.getDevices()).rejects.toThrow(/circuit open/);
    expect(calls()).toBe(before);
    await expect(client.getLatestPositions()).rejects.toThrow(/trial call/);
    await expect(client.getLatestPositions()).rejects.toThrow(/trial call/);
    expect(calls()).toBe(before + 2);
    down = false;
    expect(await client.getLatestPositions()).toHaveLength(1);
    expect(client.metrics().breaker.state).toBe("closed");
    expect(await client.getDevices()).toEqual([]);
  });
});

describe("parseRetryAfter", () => {
  const now = Date.UTC(2026, 0, 1);
  it("reads seconds and HTTP dates, and ignores garbage", () => {
    expect(parseRetryAfter("2", now)).toBe(2000);
    expect(parseRetryAfter(new Date(now + 5000).toUTCString(), now)).toBe(5000);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
