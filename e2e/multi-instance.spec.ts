import { expect, test } from "@playwright/test";
import type { FleetDelta } from "../lib/fleet/live";
import { startNextServer, type RunningServer } from "../scripts/lib/next-server";
import { spawnTestSimulator, type SpawnedSimulator } from "./support/simulator";
import { signedInCookie } from "./support/auth";
import { openEventStream, type EventStreamReader } from "./support/event-stream";
import { startRedis, type RedisProcess } from "./support/redis-server";
import { simControl } from "./support/sim-control";

/**
 * Two instances behind one Redis (a real redis-server) against one simulator: one token, one
 * poller, the same deltas on both, failover when the leader dies, and a Redis restart survived.
 */
const POLL_S = 2;
const REDIS_PORT = Number(process.env.E2E_REDIS_PORT ?? 6391);
const FIRST_PORT = Number(process.env.E2E_MULTI_PORT ?? 3611);
const PORTS = [FIRST_PORT, FIRST_PORT + 1] as const;

type Health = {
  scheduler: { role: "leader" | "follower"; stale: boolean; snapshotVersion: number };
};

test.describe.configure({ mode: "serial", timeout: 180_000 });

test.describe("several instances behind a load balancer", () => {
  let redis: RedisProcess;
  let sim: SpawnedSimulator;
  const servers: RunningServer[] = [];
  let env: Record<string, string>;
  let cookie: string;
  const streams: EventStreamReader[] = [];

  const health = async (server: RunningServer) =>
    (await (await fetch(`${server.url}/api/health`)).json()) as Health;

  test.beforeAll(async ({ playwright }) => {
    redis = await startRedis(REDIS_PORT);
    sim = await spawnTestSimulator(["--vehicles", "30"]);
    env = {
      SIMULATOR_URL: sim.url,
      REDIS_URL: redis.url,
      // A load balancer may send a browser to either instance: they share the session secret.
      NEXTAUTH_SECRET: "multi-instance-test-secret-0123456789abcdef",
      USERS_FILE: "test-results/multi-instance-users.json",
      POLL_POSITIONS_S: String(POLL_S),
      POLL_TRIPS_S: "6",
      POLL_ALERTS_S: "6",
    };
    // The first instance takes the lead; the second starts once it has.
    servers.push(await startNextServer({ port: PORTS[0], env }));
    await expect.poll(async () => (await health(servers[0]!)).scheduler.role).toBe("leader");
    servers.push(await startNextServer({ port: PORTS[1], env }));
    cookie = await signedInCookie(playwright, "viewer", servers[0]!.url);
  });

  test.afterAll(async () => {
    for (const stream of streams) stream.close();
    await Promise.all(servers.map((server) => server.stop()));
    await sim?.stop();
    await redis?.stop();
  });

  test("exactly one instance polls, with one token for the whole deployment", async () => {
    const [first, second] = servers as [RunningServer, RunningServer];
    expect((await health(first)).scheduler.role).toBe("leader");
    expect((await health(second)).scheduler.role).toBe("follower");
    for (const server of servers) {
      await expect
        .poll(
          async () =>
            (await fetch(`${server.url}/api/fleet/snapshot`, { headers: { cookie } })).status,
        )
        .toBe(200);
    }
    const control = simControl(sim.url);
    const tokens = (await control.stats()).byPath["/token"] ?? {};
    expect(Object.values(tokens).reduce((sum, count) => sum + count, 0)).toBe(1);

    // The same upstream requests as one instance: positions on its schedule, nothing doubled.
    await control.resetStats();
    const started = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 8_000));
    const elapsedS = (Date.now() - started) / 1000;
    const positions = Object.values(
      (await control.stats()).byPath["/gpsdata/device-last-location"] ?? {},
    ).reduce((sum, count) => sum + count, 0);
    expect(positions).toBeLessThanOrEqual(Math.floor(elapsedS / POLL_S) + 1);
    expect(positions).toBeGreaterThanOrEqual(Math.floor(elapsedS / POLL_S) - 1);
  });

  test("a stream client on each instance receives the same deltas", async () => {
    for (const server of servers) {
      streams.push(await openEventStream(`${server.url}/api/fleet/stream`, { cookie }));
    }
    const [onLeader, onFollower] = streams as [EventStreamReader, EventStreamReader];
    // Compare from the later of the two opening snapshots: a stream opened after a delta was
    // published starts with that delta folded into its snapshot (seen on a loaded machine).
    const opened = async (reader: EventStreamReader) =>
      Number(
        (await reader.waitFor((event) => event.event === "snapshot", { includeSeen: true })).id,
      );
    const start = Math.max(await opened(onLeader), await opened(onFollower));
    await onFollower.waitFor((event) => Number(event.id) >= start + 3, { includeSeen: true });
    await onLeader.waitFor((event) => Number(event.id) >= start + 3, { includeSeen: true });
    const deltas = (reader: EventStreamReader) =>
      reader.events
        .filter(
          (event) =>
            event.event === "delta" && Number(event.id) > start && Number(event.id) <= start + 3,
        )
        .map((event) => ({ id: event.id, delta: JSON.parse(event.data) as FleetDelta }));
    expect(deltas(onLeader)).toHaveLength(3);
    expect(deltas(onFollower)).toEqual(deltas(onLeader));
  });

  test("a session from one instance works on the other, and signing out ends it on both", async ({
    playwright,
  }) => {
    const [first, second] = servers as [RunningServer, RunningServer];
    const own = await signedInCookie(playwright, "viewer", first.url);
    const snapshotStatus = async (server: RunningServer) =>
      (await fetch(`${server.url}/api/fleet/snapshot`, { headers: { cookie: own } })).status;
    expect(await snapshotStatus(second)).toBe(200);

    const { csrfToken } = (await (
      await fetch(`${first.url}/api/auth/csrf`, { headers: { cookie: own } })
    ).json()) as { csrfToken: string };
    await fetch(`${first.url}/api/auth/signout`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie: own, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken }),
    });
    await expect.poll(() => snapshotStatus(first)).toBe(401);
    await expect.poll(() => snapshotStatus(second), { timeout: 5_000 }).toBe(401);
  });

  test("killing the leader hands polling to the other instance within two intervals", async () => {
    const [leader, follower] = servers as [RunningServer, RunningServer];
    const control = simControl(sim.url);
    const onFollower = streams[1]!;
    const before = onFollower.events.length;

    leader.process.kill("SIGKILL");
    const killedAt = Date.now();
    await control.resetStats();
    await expect
      .poll(async () => (await health(follower)).scheduler.role, {
        intervals: [100],
        timeout: 10_000,
      })
      .toBe("leader");
    await expect
      .poll(
        async () =>
          Object.keys((await control.stats()).byPath).includes("/gpsdata/device-last-location"),
        { intervals: [100], timeout: 10_000 },
      )
      .toBe(true);
    expect(Date.now() - killedAt).toBeLessThanOrEqual(2 * POLL_S * 1000 + 500);

    // The follower's screens carry on: the versions continue with no gap.
    await onFollower.waitFor((event) => event.event === "delta", { timeoutMs: 10_000 });
    const ids = onFollower.events
      .slice(before)
      .filter((event) => event.event === "delta")
      .map((event) => Number(event.id));
    ids.forEach((id, index) => index > 0 && expect(id).toBe(ids[index - 1]! + 1));
  });

  test("a Redis restart is survived: the last snapshot stays served and the stream resumes", async () => {
    // A new instance joins as a follower, so it depends on Redis for everything it shows.
    await servers[0]!.stop();
    servers[0] = await startNextServer({ port: PORTS[0], env });
    const follower = servers[0];
    await expect
      .poll(async () => (await health(follower)).scheduler.snapshotVersion)
      .toBeGreaterThan(0);
    expect((await health(follower)).scheduler.role).toBe("follower");
    const stream = await openEventStream(`${follower.url}/api/fleet/stream`, { cookie });
    streams.push(stream);
    await stream.waitFor((event) => event.event === "snapshot", { includeSeen: true });

    await redis.stop();
    const during = await fetch(`${follower.url}/api/fleet/snapshot`, { headers: { cookie } });
    expect(during.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 2 * POLL_S * 1000));
    redis = await startRedis(REDIS_PORT);

    const seen = stream.events.length;
    await stream.waitFor((event) => event.event === "delta" || event.event === "snapshot", {
      timeoutMs: 30_000,
    });
    expect(stream.events.length).toBeGreaterThan(seen);
    await expect
      .poll(async () => (await health(follower)).scheduler.stale, { timeout: 30_000 })
      .toBe(false);
  });
});
