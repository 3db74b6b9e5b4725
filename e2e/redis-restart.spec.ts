import { expect, test } from "@playwright/test";
import type { HealthDetails } from "../lib/fleet/health";
import type { WireDelta } from "../lib/fleet/wire";
import { startNextServer, type RunningServer } from "../scripts/lib/next-server";
import { signedInCookie } from "./support/auth";
import { openEventStream, type EventStreamReader } from "./support/event-stream";
import { postgresPort, startPostgres, type PostgresProcess } from "./support/postgres-server";
import { startRedis, type RedisProcess } from "./support/redis-server";
import { simControl } from "./support/sim-control";
import { spawnTestSimulator, type SpawnedSimulator } from "./support/simulator";

/**
 * Two instances, one simulator, one real redis-server, restarted (empty: it keeps nothing) three
 * times at random moments while both instances serve a stream and the follower fetches trails
 * through the shared budget. Over the whole run FleetUp sees one token, never two requests
 * within a second, and one poller; both streams keep consecutive versions and carry fresh data
 * within two poll intervals of each restart.
 *
 * Positions every 3 s, trips and alerts every 15 s and a trail every 4 s or so keep the budget
 * (one request per 1.15 s) about four-fifths busy: close enough to full that calls follow each
 * other as tightly as the budget allows, with room left for fresh positions.
 */
const POLL_S = 3;
const RESTARTS = 3;
/** Its own ports (the spec files run one after another, so the suite's Redis port is free). */
const REDIS_PORT = Number(process.env.E2E_RESTART_REDIS_PORT ?? process.env.E2E_REDIS_PORT ?? 6392);
const FIRST_PORT = Number(
  process.env.E2E_RESTART_PORT ?? Number(process.env.E2E_MULTI_PORT ?? 3611) + 2,
);
const PORTS = [FIRST_PORT, FIRST_PORT + 1] as const;
const METRICS_TOKEN = "redis-restart-metrics-token";

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const between = (low: number, high: number) => low + Math.random() * (high - low);

test.describe.configure({ mode: "serial", timeout: 240_000 });

test.describe("several instances through Redis restarts", () => {
  let redis: RedisProcess;
  let postgres: PostgresProcess;
  let sim: SpawnedSimulator;
  const servers: RunningServer[] = [];
  const streams: EventStreamReader[] = [];

  // The details (the scheduler's role) are for a session or the metrics token.
  const health = async (server: RunningServer) =>
    (await (
      await fetch(`${server.url}/api/health`, {
        headers: { authorization: `Bearer ${METRICS_TOKEN}` },
      })
    ).json()) as HealthDetails;

  test.beforeAll(async () => {
    // Two production servers, Postgres and Redis from cold: over a minute on a loaded machine.
    test.setTimeout(180_000);
    redis = await startRedis(REDIS_PORT);
    postgres = await startPostgres(await postgresPort());
    sim = await spawnTestSimulator(["--vehicles", "30"]);
    const env = {
      SIMULATOR_URL: sim.url,
      FLEETUP_MODE: "simulator",
      REDIS_URL: redis.url,
      // Several instances share one database (the embedded one is refused with REDIS_URL).
      DATABASE_URL: postgres.url,
      NEXTAUTH_SECRET: "redis-restart-test-secret-0123456789abcdef",
      METRICS_TOKEN,
      USERS_FILE: "test-results/redis-restart-users.json",
      POLL_POSITIONS_S: String(POLL_S),
      POLL_TRIPS_S: "15",
      POLL_ALERTS_S: "15",
    };
    servers.push(await startNextServer({ port: PORTS[0], env }));
    await expect
      .poll(async () => (await health(servers[0]!)).scheduler.role, { timeout: 15_000 })
      .toBe("leader");
    servers.push(await startNextServer({ port: PORTS[1], env }));
  });

  test.afterAll(async () => {
    for (const stream of streams) stream.close();
    await Promise.all(servers.map((server) => server.stop()));
    await sim?.stop();
    await redis?.stop();
    await postgres?.stop();
  });

  test("one token, one poller, one request per second, and unbroken streams", async () => {
    const [leader, follower] = servers as [RunningServer, RunningServer];
    const cookie = await signedInCookie("viewer", leader.url);
    const control = simControl(sim.url);
    const runStarted = Date.now();
    for (const server of servers) {
      await expect
        .poll(
          async () =>
            (await fetch(`${server.url}/api/fleet/snapshot`, { headers: { cookie } })).status,
        )
        .toBe(200);
      streams.push(await openEventStream(`${server.url}/api/fleet/stream`, { cookie }));
    }
    const opening = await Promise.all(
      streams.map(async (stream) => {
        const event = await stream.waitFor((e) => e.event === "snapshot", { includeSeen: true });
        return event.snapshot!;
      }),
    );
    const vehicleIds = opening[1]!.vehicles.map((vehicle) => vehicle.id);

    // The follower's screens open vehicles all along: each trail is a FleetUp call of the
    // follower's, through the budget it shares with the leader's polls.
    let trafficOn = true;
    const trailStatuses: number[] = [];
    const traffic = (async () => {
      for (let index = 0; trafficOn; index += 1) {
        const id = vehicleIds[index % vehicleIds.length]!;
        const response = await fetch(`${follower.url}/api/fleet/vehicles/${id}`, {
          headers: { cookie },
        }).catch(() => undefined);
        trailStatuses.push(response?.status ?? 0);
        for (let waited = 0; trafficOn && waited < 4_000; waited += 250) await pause(250);
      }
    })();

    const restarts: string[] = [];
    try {
      for (let round = 0; round < RESTARTS; round += 1) {
        await pause(between(3_000, 9_000));
        const downMs = between(0, 1_500);
        await redis.stop();
        await pause(downMs);
        redis = await startRedis(REDIS_PORT);
        const back = Date.now();
        restarts.push(
          `at +${((back - runStarted) / 1000).toFixed(1)} s, down ${downMs.toFixed(0)} ms`,
        );

        // Fresh data (a positions poll after Redis came back) on both streams within two
        // intervals.
        await Promise.all(
          streams.map((stream, index) =>
            stream
              .waitFor(
                (event) => event.event === "delta" && (event.delta?.positionsAt ?? 0) >= back,
                { includeSeen: true, timeoutMs: back + 2 * POLL_S * 1000 - Date.now() },
              )
              .catch((error: Error) => {
                // What each stream received around the restart: arrival and positions' time
                // against Redis's return, in seconds.
                const seen = stream.events
                  .filter(
                    (event) => event.event === "delta" && stream.receivedAt(event)! >= back - 5_000,
                  )
                  .map((event) => {
                    const delta = JSON.parse(event.data) as WireDelta;
                    const s = (t: number | undefined) =>
                      t === undefined ? "-" : ((t - back) / 1000).toFixed(2);
                    return `v${delta.v} got ${s(stream.receivedAt(event))} positions ${s(delta.p)} ${JSON.stringify(delta.H?.positions ?? {})}`;
                  });
                throw new Error(
                  `${index === 0 ? "leader" : "follower"}: ${error.message}; restarts ${restarts.join("; ")}; ${seen.join(", ")}`,
                );
              }),
          ),
        );
        // The leader kept its lock; the follower did not take it.
        expect((await health(leader)).scheduler.role).toBe("leader");
        expect((await health(follower)).scheduler.role).toBe("follower");
      }
      // And the calm after the last one.
      await pause(2 * POLL_S * 1000);
    } finally {
      test.info().annotations.push({ type: "Redis restarts", description: restarts.join("; ") });
      trafficOn = false;
      await traffic;
    }
    const elapsedS = (Date.now() - runStarted) / 1000;

    // Every trail request was answered (a trail refused while Redis is away is said so in the body).
    expect(trailStatuses.every((status) => status === 200)).toBe(true);

    // Both streams: after the opening snapshot, only deltas, each version the previous plus one.
    for (const stream of streams) {
      const events = stream.events.filter((event) => event.event !== "heartbeat");
      expect(events[0]!.event).toBe("snapshot");
      let version = Number(events[0]!.id);
      for (const event of events.slice(1)) {
        expect(event.event).toBe("delta");
        const delta = JSON.parse(event.data) as WireDelta;
        expect({ version: delta.v, baseVersion: delta.b }).toEqual({
          version: version + 1,
          baseVersion: version,
        });
        version = delta.v;
      }
    }

    // FleetUp's side of the whole run, the instances' start included.
    const stats = await control.stats();
    const requests = await control.requests();
    const count = (path: string) =>
      Object.values(stats.byPath[path] ?? {}).reduce((sum, n) => sum + n, 0);
    expect(requests.length).toBe(stats.total);
    // A refusal is shown with the arrivals before it (gap in ms) and the restarts' times.
    const arrival = (index: number) => {
      const r = requests[index]!;
      const gap = index > 0 ? ` (+${(r.at - requests[index - 1]!.at).toFixed(0)} ms)` : "";
      return `${((r.at - runStarted) / 1000).toFixed(3)} s ${r.path} ${r.outcome}${gap}`;
    };
    const refusals = requests.flatMap((request, index) =>
      request.outcome === "429"
        ? [
            [index - 3, index - 2, index - 1, index]
              .filter((i) => i >= 0)
              .map(arrival)
              .join("; "),
          ]
        : [],
    );
    expect(refusals, `restarts: ${restarts.join("; ")}`).toEqual([]);
    // One token for the whole deployment, through three restarts.
    const tokens = requests
      .filter((request) => request.path === "/token")
      .map((request) => `${((request.at - runStarted) / 1000).toFixed(1)} s`);
    expect(count("/token"), `tokens at ${tokens.join(", ")}; restarts ${restarts.join("; ")}`).toBe(
      1,
    );
    // The follower called FleetUp too (trails), through the budget it shares with the leader.
    expect(count("/gpsdata")).toBeGreaterThanOrEqual(2);
    // One poller: positions once per interval since the run began, never twice.
    const polled = requests.filter(
      (request) =>
        request.path === "/gpsdata/device-last-location" && request.at >= runStarted - 50,
    );
    expect(polled.length).toBeLessThanOrEqual(Math.floor(elapsedS / POLL_S) + 2);
    // Never two requests within one second.
    const gaps = requests.slice(1).map((request, index) => request.at - requests[index]!.at);
    test.info().annotations.push({
      type: "FleetUp requests",
      description: `${requests.length} in ${((requests.at(-1)!.at - requests[0]!.at) / 1000).toFixed(0)} s, the closest two ${Math.min(...gaps).toFixed(0)} ms apart`,
    });
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(1000);
  });
});
