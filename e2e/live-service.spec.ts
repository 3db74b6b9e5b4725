import { test as base, expect, type APIRequestContext } from "@playwright/test";
import type { HealthDetails } from "../lib/fleet/health";
import type { FleetSnapshot } from "../lib/fleet/live";
import { openEventStream, type EventStreamReader, type StreamEvent } from "./support/event-stream";
import { E2E_BASE_URL, E2E_POLL } from "./support/servers";
import { simControl } from "./support/sim-control";
import { signedInCookie } from "./support/auth";
import { fleetSnapshotOf } from "./support/wire";

const sim = simControl();

/** `api` is an HTTP client signed in as a viewer; `cookie` is its session for fetch and SSE. */
const test = base.extend<{ api: APIRequestContext }, { cookie: string }>({
  cookie: [async ({}, use) => use(await signedInCookie("viewer")), { scope: "worker" }],
  api: async ({ playwright, cookie }, use) => {
    const api = await playwright.request.newContext({
      baseURL: E2E_BASE_URL,
      extraHTTPHeaders: { cookie },
    });
    await use(api);
    await api.dispose();
  },
});
const streamUrl = `${E2E_BASE_URL}/api/fleet/stream`;

async function snapshot(request: APIRequestContext): Promise<FleetSnapshot> {
  const response = await request.get("/api/fleet/snapshot");
  expect(response.status()).toBe(200);
  return fleetSnapshotOf(response);
}

test.describe("the live fleet service", () => {
  test("a vehicle the simulator moves reaches a stream client within one poll plus one second", async ({
    cookie,
  }) => {
    const stream = await openEventStream(streamUrl, { cookie });
    try {
      const first = await stream.waitFor((event) => event.event === "snapshot", {
        includeSeen: true,
      });
      const vehicle = first.snapshot!.vehicles[0]!;
      const target = { lat: vehicle.lat + 0.01, lng: vehicle.lng - 0.01 };

      const movedAt = Date.now();
      await sim.move(vehicle.id, { ...target, speed: 30, heading: 45 });
      await stream.waitFor(
        (event) =>
          event.event === "delta" &&
          event.delta?.vehicles?.upsert.some(
            // The wire carries positions to 1e-5°.
            (item) => item.id === vehicle.id && Math.abs(item.lat - target.lat) < 1e-5,
          ) === true,
        { timeoutMs: (E2E_POLL.positionsS + 1) * 1000 },
      );
      expect(Date.now() - movedAt).toBeLessThanOrEqual((E2E_POLL.positionsS + 1) * 1000);
      await sim.release(vehicle.id);
    } finally {
      stream.close();
    }
  });

  test("a client that reconnects with its last event id receives exactly what it missed", async ({
    cookie,
  }) => {
    const witness = await openEventStream(streamUrl, { cookie });
    let returning: EventStreamReader | undefined;
    try {
      const leaving = await openEventStream(streamUrl, { cookie });
      const seen = await leaving.waitFor((event) => event.event === "snapshot", {
        includeSeen: true,
      });
      leaving.close();
      const lastId = Number(seen.id);

      // Let at least two versions go by while the client is away.
      await witness.waitFor((event) => event.event === "delta" && Number(event.id) >= lastId + 2, {
        includeSeen: true,
      });
      returning = await openEventStream(streamUrl, { cookie, "last-event-id": String(lastId) });
      await returning.waitFor((event) => Number(event.id) >= lastId + 2, { includeSeen: true });

      const missed = witness.events.filter(
        (event) => event.event === "delta" && Number(event.id) > lastId,
      );
      const replayed = returning.events.filter((event) => event.event !== "heartbeat");
      expect(replayed.some((event) => event.event === "snapshot")).toBe(false);
      expect(replayed[0]?.id).toBe(String(lastId + 1));
      const common = Math.min(missed.length, replayed.length);
      // The same frames, byte for byte (a resumed stream holds no snapshot to decode them by).
      const sent = ({ id, event, data }: StreamEvent) => ({ id, event, data });
      expect(replayed.slice(0, common).map(sent)).toEqual(missed.slice(0, common).map(sent));
    } finally {
      witness.close();
      returning?.close();
    }
  });

  test("an accepted stream is written at the socket, and a refused one still gets its error body", async ({
    api,
    cookie,
  }) => {
    const stream = await openEventStream(streamUrl, { cookie });
    try {
      await stream.waitFor((event) => event.event === "snapshot", { includeSeen: true });
      const health = (await (await api.get("/api/health")).json()) as HealthDetails;
      expect(health.scheduler.streamsAtSocket).toBeGreaterThanOrEqual(1);
      expect(health.scheduler.streamsAtSocket).toBeLessThanOrEqual(health.scheduler.openStreams);
    } finally {
      stream.close();
    }
    // Refusals are the route handler's, with the one error body.
    const refused = await api.get("/api/fleet/stream", { headers: { "last-event-id": "soon" } });
    expect(refused.status()).toBe(400);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("bad_request");
  });

  test("200 concurrent clients cost FleetUp no more than one client does", async ({
    api,
    cookie,
  }) => {
    const windowMs = 8_000;
    /** FleetUp requests by path while `clients` run, and how long the window really was. */
    const measure = async (clients: () => Promise<void>) => {
      await sim.resetStats();
      const started = Date.now();
      await clients();
      return { byPath: (await sim.stats()).byPath, elapsedMs: Date.now() - started };
    };

    const one = await measure(async () => {
      const deadline = Date.now() + windowMs;
      while (Date.now() < deadline) {
        await snapshot(api);
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
    });

    const many = await measure(async () => {
      const streams = await Promise.all(
        Array.from({ length: 100 }, () => openEventStream(streamUrl, { cookie })),
      );
      const deadline = Date.now() + windowMs;
      const pollers = Array.from({ length: 100 }, async () => {
        while (Date.now() < deadline) {
          const response = await fetch(`${E2E_BASE_URL}/api/fleet/snapshot`, {
            headers: { cookie },
          });
          expect(response.status).toBe(200);
          await response.arrayBuffer();
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
      });
      await Promise.all(pollers);
      for (const stream of streams) {
        expect(stream.events.some((event) => event.event === "snapshot")).toBe(true);
        stream.close();
      }
    });

    // Browsers never cause FleetUp calls: with 1 client or 200, each path is called on its
    // schedule and no more, and no new token is needed.
    const count = (window: { byPath: Record<string, Record<string, number>> }, path: string) =>
      Object.values(window.byPath[path] ?? {}).reduce((sum, value) => sum + value, 0);
    const schedule: Record<string, number> = {
      "/gpsdata/device-last-location": E2E_POLL.positionsS,
      "/trips/ongoing-trips": E2E_POLL.tripsS,
      "/alerts/bulk-history": E2E_POLL.alertsS,
    };
    for (const window of [one, many]) {
      for (const [path, intervalS] of Object.entries(schedule)) {
        const allowed = Math.floor(window.elapsedMs / 1000 / intervalS) + 1;
        expect(count(window, path), `${path} in ${window.elapsedMs} ms`).toBeLessThanOrEqual(
          allowed,
        );
      }
      expect(count(window, "/token")).toBe(0);
      const known = Object.keys(schedule);
      const others = Object.keys(window.byPath).filter((path) => !known.includes(path));
      expect(others.reduce((sum, path) => sum + count(window, path), 0)).toBeLessThanOrEqual(2);
    }
  });

  test("during an outage the last snapshot is served stale, and fresh data is back within one positions interval (+2 s) of FleetUp answering", async ({
    api,
    cookie,
  }) => {
    const before = await snapshot(api);
    expect(before.stale).toBe(false);
    // Long enough for the circuit breaker to open (production settings: five failures, 30 s).
    const outageMs = 6 * E2E_POLL.positionsS * 1000;
    await sim.configure({ faults: { outage: true } });
    let stream: EventStreamReader | undefined;
    try {
      await expect.poll(async () => (await snapshot(api)).stale, { timeout: 30_000 }).toBe(true);
      const during = await snapshot(api);
      expect(during.vehicles.length).toBe(before.vehicles.length);
      expect(during.staleReason).toMatch(/FleetUp/);
      const health = await (await api.get("/api/health")).json();
      expect(health.status).toBe("degraded");
      expect(health.feeds.positions.lastError).toMatchObject({
        message: "FleetUp is failing (HTTP 503)",
        upstream: '{"message":"Service Unavailable"}',
      });
      await new Promise((resolve) => setTimeout(resolve, outageMs));
      stream = await openEventStream(streamUrl, { cookie });
    } finally {
      await sim.resetFaults();
    }
    const recoveredAt = Date.now();
    const fresh = await stream.waitFor(
      (event) => {
        if (event.event !== "delta") return false;
        const delta = event.delta;
        return delta?.stale === false && (delta.positionsAt ?? 0) >= recoveredAt;
      },
      { timeoutMs: 30_000 },
    );
    stream.close();
    const delta = fresh.delta!;
    const tookMs = delta.positionsAt! - recoveredAt;
    expect(tookMs, `fresh positions ${tookMs} ms after FleetUp answered again`).toBeLessThanOrEqual(
      (E2E_POLL.positionsS + 2) * 1000,
    );
    expect((await snapshot(api)).stale).toBe(false);
  });

  test("FleetUp's words for a refused request reach /api/health, redacted of every credential", async ({
    api,
  }) => {
    const { byPath } = await sim.stats();
    expect(Object.keys(byPath).length).toBeGreaterThan(0);
    await sim.configure({ faults: { errorRate: 1, errorStatus: 400 } });
    try {
      await expect
        .poll(async () => (await (await api.get("/api/health")).json()).feeds.positions.lastError, {
          timeout: 20_000,
        })
        .toMatchObject({
          message: "FleetUp refused the request (HTTP 400)",
          upstream: expect.stringMatching(
            /^\{"message":"Invalid Request: simulated fault on \/gpsdata\/device-last-location \(acctId \[redacted\], x-api-key \[redacted\], credential Bearer \[redacted\]\)"\}$/,
          ),
        });
      const health = await (await api.get("/api/health")).text();
      for (const secret of ["sim-api-key", "sim-secret", "eyJ"])
        expect(health).not.toContain(secret);
      expect(health).not.toMatch(/(?<!\d)12345(?!\d)/);
    } finally {
      await sim.resetFaults();
    }
    // A refused request slows the positions feed down (2x, 4x): wait for it to be fresh again.
    await expect.poll(async () => (await snapshot(api)).stale, { timeout: 30_000 }).toBe(false);
  });
});
