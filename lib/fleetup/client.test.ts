import "server-only";
import { describe, expect, it } from "vitest";
import { createFleetUpClient, parseRetryAfter } from "./client";
import { isFleetUpError } from "./errors";
import { simConfig } from "./test-sim";

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
  it("sends the api key, a Bearer token and the account id in a JSON body", async () => {
    const fake = fakeFleetUp({ "/token": token, "/devices": () => Response.json({ data: [] }) });
    await createFleetUpClient(config(), { fetch: fake.fetch }).getDevices();
    expect(fake.seen[0]).toMatchObject({
      method: "POST",
      path: "/token",
      body: { acctId: "sim-acct", secret: "sim-secret" },
    });
    expect(fake.seen[1]).toMatchObject({
      method: "POST",
      path: "/devices",
      headers: { "x-api-key": "sim-api-key", authorization: "Bearer tok-abc123" },
      body: { acctId: "sim-acct" },
    });
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
      path: "/token?acctId=sim-acct&secret=sim-secret",
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

  it("fetches the shape of fences the list gives without geometry, one detail call each", async () => {
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
    ]);
  });

  it("asks for no alerts when there are no devices", async () => {
    const fake = fakeFleetUp({ "/token": token });
    expect(
      await createFleetUpClient(config(), { fetch: fake.fetch }).getAlertsSince(0, []),
    ).toEqual([]);
    expect(fake.seen).toHaveLength(0);
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
