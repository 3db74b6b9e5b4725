import { expect, test } from "@playwright/test";
import type { OneDisplay } from "../lib/fleet/access";
import type { AlertDetail, AlertPage } from "../lib/fleet/alert-work";
import type { HealthDetails } from "../lib/fleet/health";
import { startNextServer, type RunningServer } from "../scripts/lib/next-server";
import { spawnTestSimulator, type SpawnedSimulator } from "./support/simulator";
import { signedInCookie, signInAs, wrongPassword } from "./support/auth";
import { openEventStream, type EventStreamReader, type StreamEvent } from "./support/event-stream";
import { postgresPort, startPostgres, type PostgresProcess } from "./support/postgres-server";
import { startRedis, type RedisProcess } from "./support/redis-server";
import { simControl } from "./support/sim-control";

/**
 * Two instances behind one Redis (a real redis-server) and one Postgres database (a real
 * Postgres server) against one simulator: one token, one poller, the same deltas on both,
 * failover when the leader dies, a Redis restart survived, and users, sessions and display
 * links shared: a change on one instance holds on the other, and after every restart.
 */
const POLL_S = 2;
const REDIS_PORT = Number(process.env.E2E_REDIS_PORT ?? 6391);
const FIRST_PORT = Number(process.env.E2E_MULTI_PORT ?? 3611);
const PORTS = [FIRST_PORT, FIRST_PORT + 1] as const;
const DISPATCHER = "dispatcher@demo.local";

test.describe.configure({ mode: "serial", timeout: 180_000 });

async function signOut(base: string, cookie: string): Promise<void> {
  const { csrfToken } = (await (
    await fetch(`${base}/api/auth/csrf`, { headers: { cookie } })
  ).json()) as { csrfToken: string };
  await fetch(`${base}/api/auth/signout`, {
    method: "POST",
    redirect: "manual",
    headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken }),
  });
}

test.describe("several instances behind a load balancer", () => {
  let redis: RedisProcess;
  let postgres: PostgresProcess;
  let sim: SpawnedSimulator;
  const servers: RunningServer[] = [];
  let env: Record<string, string>;
  let cookie: string;
  const streams: EventStreamReader[] = [];
  /** The alert claimed through the first instance, checked again after every restart. */
  let claimedAlert: string | undefined;

  // The details (the scheduler's role) are for a session or the metrics token.
  const health = async (server: RunningServer) =>
    (await (
      await fetch(`${server.url}/api/health`, {
        headers: { authorization: `Bearer ${env.METRICS_TOKEN}` },
      })
    ).json()) as HealthDetails;

  test.beforeAll(async () => {
    redis = await startRedis(REDIS_PORT);
    postgres = await startPostgres(await postgresPort());
    sim = await spawnTestSimulator(["--vehicles", "30"]);
    env = {
      SIMULATOR_URL: sim.url,
      FLEETUP_MODE: "simulator",
      REDIS_URL: redis.url,
      DATABASE_URL: postgres.url,
      // A load balancer may send a browser to either instance: they share the session secret.
      NEXTAUTH_SECRET: "multi-instance-test-secret-0123456789abcdef",
      METRICS_TOKEN: "multi-instance-metrics-token",
      // No files from before the database to import.
      USERS_FILE: "test-results/multi-instance/users.json",
      DISPLAYS_FILE: "test-results/multi-instance/displays.json",
      POLL_POSITIONS_S: String(POLL_S),
      POLL_TRIPS_S: "6",
      POLL_ALERTS_S: "6",
    };
    // The first instance takes the lead; the second starts once it has.
    servers.push(await startNextServer({ port: PORTS[0], env }));
    await expect.poll(async () => (await health(servers[0]!)).scheduler.role).toBe("leader");
    servers.push(await startNextServer({ port: PORTS[1], env }));
    cookie = await signedInCookie("viewer", servers[0]!.url);
  });

  test.afterAll(async () => {
    for (const stream of streams) stream.close();
    await Promise.all(servers.map((server) => server.stop()));
    await sim?.stop();
    await redis?.stop();
    await postgres?.stop();
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
        .map((event) => ({ id: event.id, delta: event.delta }));
    expect(deltas(onLeader)).toHaveLength(3);
    expect(deltas(onFollower)).toEqual(deltas(onLeader));
  });

  test("alert work done through either instance reaches a stream of the other within 2 s", async () => {
    const [first, second] = servers as [RunningServer, RunningServer];
    const dispatcher = await signedInCookie("dispatcher", first.url);
    const newAlerts = async (server: RunningServer) => {
      const answer = await fetch(`${server.url}/api/alerts?state=unassigned&limit=5`, {
        headers: { cookie },
      });
      return ((await answer.json()) as AlertPage).alerts
        .filter((item) => item.work.state === "new")
        .map((item) => item.alert.id);
    };
    await expect.poll(async () => (await newAlerts(second)).length).toBeGreaterThan(1);
    const act = (server: RunningServer, id: string, kind: "claim" | "ack") =>
      fetch(`${server.url}/api/alerts/${encodeURIComponent(id)}/${kind}`, {
        method: "POST",
        headers: { cookie: dispatcher, "content-type": "application/json" },
        body: JSON.stringify({ note: "On it." }),
      });
    const carries = (id: string, state: string) => (event: StreamEvent) =>
      event.event === "delta" &&
      (event.delta?.alertWork ?? []).some(
        (work) => work.alertId === id && work.state === state && work.updatedBy === DISPATCHER,
      );

    // Claimed through the first (the poller); seen on a stream of the second.
    const [claimId, ackId] = (await newAlerts(second)) as [string, string];
    const onSecond = await openEventStream(`${second.url}/api/fleet/stream`, { cookie });
    streams.push(onSecond);
    await onSecond.waitFor((event) => event.event === "snapshot", { includeSeen: true });
    // Listening before acting: the delta may well arrive before the action's own answer.
    let sent = Date.now();
    const claimSeen = onSecond.waitFor(carries(claimId, "acknowledged"), { timeoutMs: 2_000 });
    const claimed = await act(first, claimId, "claim");
    expect(claimed.status).toBe(200);
    await claimSeen;
    const claimMs = Date.now() - sent;

    // Acknowledged through the second (over the bus to the poller); seen on the first.
    const onFirst = await openEventStream(`${first.url}/api/fleet/stream`, { cookie });
    streams.push(onFirst);
    await onFirst.waitFor((event) => event.event === "snapshot", { includeSeen: true });
    sent = Date.now();
    const ackSeen = onFirst.waitFor(carries(ackId, "acknowledged"), { timeoutMs: 2_000 });
    const acknowledged = await act(second, ackId, "ack");
    expect(acknowledged.status).toBe(200);
    await ackSeen;
    // A screen that connects (or reconnects) now gets the current work in its snapshot.
    const late = await openEventStream(`${second.url}/api/fleet/stream`, { cookie });
    streams.push(late);
    const snapshot = await late.waitFor((event) => event.event === "snapshot", {
      includeSeen: true,
    });
    const held = snapshot.snapshot!.alertWork ?? [];
    expect(held.find((work) => work.alertId === claimId)).toMatchObject({
      claimedBy: DISPATCHER,
      note: "On it.",
    });
    expect(held.find((work) => work.alertId === ackId)).toMatchObject({
      state: "acknowledged",
      acknowledgedBy: DISPATCHER,
    });
    test.info().annotations.push({
      type: "alert work reached the other instance's stream after",
      description: `${claimMs} ms (claim via the poller), ${Date.now() - sent} ms (ack via the other)`,
    });
    claimedAlert = claimId;
  });

  test("a session from one instance works on the other, and signing out ends it on both", async () => {
    const [first, second] = servers as [RunningServer, RunningServer];
    const own = await signedInCookie("viewer", first.url);
    const snapshotStatus = async (server: RunningServer) =>
      (await fetch(`${server.url}/api/fleet/snapshot`, { headers: { cookie: own } })).status;
    expect(await snapshotStatus(second)).toBe(200);

    await signOut(first.url, own);
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
  test("a password change on one instance ends the user's session on the other within a minute", async () => {
    const [a, b] = servers as [RunningServer, RunningServer];
    const held = await signedInCookie("dispatcher", b.url);
    const snapshotStatus = async (server: RunningServer, withCookie: string) =>
      (await fetch(`${server.url}/api/fleet/snapshot`, { headers: { cookie: withCookie } })).status;
    expect(await snapshotStatus(b, held)).toBe(200);
    const stream = await openEventStream(`${b.url}/api/fleet/stream`, { cookie: held });
    streams.push(stream);
    await stream.waitFor((event) => event.event === "snapshot", { includeSeen: true });

    const admin = await signedInCookie("admin", a.url);
    const changed = await fetch(`${a.url}/api/admin/users/dispatcher%40demo.local`, {
      method: "PATCH",
      headers: { cookie: admin, "content-type": "application/json" },
      body: JSON.stringify({ password: "changed-on-instance-a" }),
    });
    expect(changed.status).toBe(200);
    const changedAt = Date.now();

    // Every request on B is refused at once, and B's open stream closes within its 30 s check.
    expect(await snapshotStatus(b, held)).toBe(401);
    await stream.ended;
    const endedAfterS = (Date.now() - changedAt) / 1000;
    expect(endedAfterS).toBeLessThan(60);
    test.info().annotations.push({
      type: "the open stream on the other instance ended after",
      description: `${endedAfterS.toFixed(1)} s`,
    });
    // The new password works on B; the old one does not.
    const fresh = await signInAs(b.url, "dispatcher@demo.local", "changed-on-instance-a");
    expect(await snapshotStatus(b, fresh)).toBe(200);
    await expect(signInAs(b.url, "dispatcher@demo.local", "fleet-demo")).rejects.toThrow();
  });

  test("sign-in attempts are counted once for the deployment, on either instance", async () => {
    const [a, b] = servers as [RunningServer, RunningServer];
    const failed = async (server: RunningServer) => {
      const text = await (
        await fetch(`${server.url}/api/metrics`, {
          headers: { authorization: `Bearer ${env.METRICS_TOKEN}` },
        })
      ).text();
      return Number(
        /^fleet_signin_attempts_total\{outcome="failed"\} (\d+)$/m.exec(text)?.[1] ?? 0,
      );
    };
    const checkedSoFar = async () => (await failed(a)) + (await failed(b));

    // Five wrong passwords, taking turns: each is checked. The sixth, on either, is not.
    const before = await checkedSoFar();
    for (let index = 0; index < 5; index += 1) {
      expect(await wrongPassword(index % 2 === 0 ? a.url : b.url, "turns@example.com")).toBe(
        "CredentialsSignin",
      );
    }
    expect(await wrongPassword(b.url, "turns@example.com")).toMatch(/^Throttled-\d+$/);
    expect(await wrongPassword(a.url, "turns@example.com")).toMatch(/^Throttled-\d+$/);
    expect((await checkedSoFar()) - before).toBe(5);

    // A parallel burst split over both instances checks at most the limit.
    const burstFrom = await checkedSoFar();
    await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        wrongPassword(index % 2 === 0 ? a.url : b.url, "burst@example.com"),
      ),
    );
    const checked = (await checkedSoFar()) - burstFrom;
    test.info().annotations.push({ type: "passwords checked of 40", description: String(checked) });
    expect(checked).toBeGreaterThan(0);
    expect(checked).toBeLessThanOrEqual(5);
  });

  test("sign-outs and revoked display links hold after both instances and Redis restart", async () => {
    const [a, b] = servers as [RunningServer, RunningServer];
    const admin = await signedInCookie("admin", a.url);
    const created = await fetch(`${a.url}/api/admin/displays`, {
      method: "POST",
      headers: { cookie: admin, "content-type": "application/json" },
      body: JSON.stringify({ name: "Control room" }),
    });
    expect(created.status).toBe(201);
    const { display } = (await created.json()) as OneDisplay;
    const token = new URL(display.link!).pathname.split("/").at(-1)!;
    const openLink = (server: RunningServer) =>
      fetch(`${server.url}/display/${token}`, { redirect: "manual" });

    // Made on A, the link opens on B (once: its screen holds a display session of its own), and
    // that session works on A too; revoked on A, B refuses it at once.
    const opened = await openLink(b);
    expect(opened.status).toBe(303);
    const screen = opened.headers.getSetCookie()[0]!.split(";")[0]!;
    const wallStatus = async (server: RunningServer) =>
      (await fetch(`${server.url}/api/fleet/snapshot`, { headers: { cookie: screen } })).status;
    expect(await wallStatus(b)).toBe(200);
    expect(await wallStatus(a)).toBe(200);
    expect((await openLink(a)).status).toBe(403);
    const revoked = await fetch(`${a.url}/api/admin/displays/${display.id}`, {
      method: "DELETE",
      headers: { cookie: admin },
    });
    expect(revoked.status).toBe(200);
    expect(await wallStatus(b)).toBe(401);
    expect((await openLink(b)).status).toBe(403);

    // A person signs out on B.
    const person = await signedInCookie("viewer", b.url);
    await signOut(b.url, person);
    const personStatus = async (server: RunningServer) =>
      (await fetch(`${server.url}/api/fleet/snapshot`, { headers: { cookie: person } })).status;
    expect(await personStatus(a)).toBe(401);

    // Everything restarts: both instances and Redis (which keeps nothing: no persistence).
    for (const stream of streams) stream.close();
    await Promise.all(servers.map((server) => server.stop()));
    await redis.stop();
    redis = await startRedis(REDIS_PORT);
    servers[0] = await startNextServer({ port: PORTS[0], env });
    servers[1] = await startNextServer({ port: PORTS[1], env });

    for (const server of servers) {
      expect((await openLink(server)).status, `the link on ${server.url}`).toBe(403);
      expect(await wallStatus(server), `the screen on ${server.url}`).toBe(401);
      expect(await personStatus(server), `the signed-out session on ${server.url}`).toBe(401);
    }
    // The instances are not simply refusing everyone: a session signed in now works on both
    // (once the new leader has polled: Redis lost the last snapshot).
    const after = await signedInCookie("viewer", servers[0]!.url);
    for (const server of servers) {
      await expect
        .poll(
          async () =>
            (await fetch(`${server.url}/api/fleet/snapshot`, { headers: { cookie: after } }))
              .status,
          { timeout: 20_000 },
        )
        .toBe(200);
    }
    // Alert work is in Postgres: the claim made before the restarts is still there, with its
    // history, joined again to the alert the new poller read back from FleetUp.
    for (const server of servers) {
      const detail = async () => {
        const answer = await fetch(
          `${server.url}/api/alerts/${encodeURIComponent(claimedAlert!)}`,
          { headers: { cookie: after } },
        );
        return answer.ok ? ((await answer.json()) as AlertDetail) : undefined;
      };
      await expect
        .poll(async () => (await detail())?.item.work.claimedBy, { timeout: 30_000 })
        .toBe(DISPATCHER);
      expect((await detail())!.history).toMatchObject([
        { action: "claimed", actor: DISPATCHER, note: "On it." },
      ]);
    }
  });
});
