import "server-only";
import { forgetVerifiedSessions, onSessionsChanged } from "@/lib/auth/verified-cache";
import { alertWorkQueries } from "@/lib/db/alert-work";
import { serverDatabase } from "@/lib/db/server";
import type { AlertWork } from "@/lib/fleet/alert-work";
import type { FleetDelta } from "@/lib/fleet/live";
import { getEnv } from "@/lib/env";
import { startRecording, type Recording } from "@/lib/history/recording";
import type { Trail } from "@/lib/fleet/live";
import { RecordedTrails } from "@/lib/history/trails";
import {
  configFromEnv,
  consoleLogger,
  createFleetUpClient,
  type FleetUpClient,
} from "@/lib/fleetup";
import { ALERT_RETENTION_MS } from "./alert-log";
import { AlertWorkSync } from "./alert-work-sync";
import { DeltaBroadcaster } from "./broadcaster";
import { MemoryBus, type BusMessage, type FleetBus } from "./bus";
import { FleetState } from "./fleet-state";
import { SoleLeader, takeOver, type LeaderElection } from "./leader";
import { connectRedis } from "./redis/connection";
import { RedisAlertArchive } from "./redis/redis-alert-archive";
import { RedisSharedBudget } from "./redis/redis-budget";
import { RedisBus } from "./redis/redis-bus";
import { RedisLeaderElection } from "./redis/redis-leader";
import { RedisTokenStore } from "./redis/redis-token-store";
import { createLiveMetrics, type LiveMetrics } from "./metrics";
import { FleetMirror } from "./mirror";
import { MirrorFeed } from "./mirror-feed";
import { Scheduler } from "./scheduler";
import { SnapshotCache } from "./snapshot-cache";
import { fleetUpSource, type FleetSource } from "./source";
import { StreamRegistry } from "./streams";
import { TrailCache } from "./trail-cache";

export type LiveService = {
  client: FleetUpClient;
  source: FleetSource;
  /** What this instance serves: the leader's snapshot, rebuilt from its deltas. */
  mirror: FleetMirror;
  broadcaster: DeltaBroadcaster;
  snapshots: SnapshotCache;
  /** A vehicle's last hour: from the recording, or (HISTORY_DAYS=0) from FleetUp. */
  trails: { get(deviceId: string): Promise<Trail> };
  /** Tracks from the recording (replay, export); undefined when HISTORY_DAYS=0. */
  recorded: RecordedTrails | undefined;
  leader: LeaderElection;
  /** The poller's own state, schedule and recording, while this instance is the leader. */
  poller(): Poller | undefined;
  /**
   * Alert work an action just stored in the database: to the poller (this instance, or the
   * leader over the bus), which makes it a new version for every screen on every instance.
   */
  reportAlertWork(work: AlertWork[]): void;
  streams: StreamRegistry;
  metrics: LiveMetrics;
};

type Poller = {
  state: FleetState;
  scheduler: Scheduler;
  alertWork: AlertWorkSync;
  recording: Recording;
};

const BACKFILL_MS = 24 * 3_600_000;
/** How often the poller asks the database for alert work it may not have been told of. */
const ALERT_WORK_CHECK_MS = 10_000;

function createLiveService(): LiveService {
  const env = getEnv();
  const metrics = createLiveMetrics();
  // With REDIS_URL, instances share one token, one poller and one stream of deltas.
  const redis = env.redisUrl ? connectRedis(env.redisUrl, "commands") : undefined;
  const subscriber = env.redisUrl ? connectRedis(env.redisUrl, "subscriber") : undefined;
  const redisBus = redis && subscriber ? new RedisBus(redis, subscriber) : undefined;
  const bus: FleetBus = redisBus ?? new MemoryBus();
  // The lock lasts one positions interval, so a dead leader is replaced within two. After a
  // reconnect the leader writes back what a restarted Redis lost (its messages and snapshot).
  const redisLeader = redis
    ? new RedisLeaderElection(redis, Math.max(1_000, env.live.intervals.positions), {
        afterReconnect: (leading) => {
          if (leading) void redisBus?.writeBack(redisLeader!.instanceId);
        },
      })
    : undefined;
  const leader: LeaderElection = redisLeader ?? new SoleLeader();
  // The deployment's one FleetUp client: one token and one request budget for this process.
  const client = createFleetUpClient(configFromEnv(env), {
    logger: consoleLogger,
    fetch: timedFetch(metrics),
    tokenStore: redis ? new RedisTokenStore(redis) : undefined,
    sharedBudget: redis
      ? new RedisSharedBudget(redis, { leading: () => leader.isLeader })
      : undefined,
  });
  const source = fleetUpSource(client);
  const mirror = new FleetMirror(Date.now, env.live.thresholds);
  const broadcaster = new DeltaBroadcaster(600, () => mirror.currentVersion);
  const snapshots = new SnapshotCache(mirror);
  const archive = redis ? new RedisAlertArchive(redis) : undefined;
  let poller: Poller | undefined;

  const feed = new MirrorFeed(bus, mirror, broadcaster, snapshots);
  function receive(message: BusMessage) {
    if (message.kind === "alert-work") takeAlertWork(message.work);
    else if (message.kind === "delta") feed.receive(message);
    else if (message.kind === "sessions-changed") forgetVerifiedSessions();
    // Anything else is from a newer version of this code.
  }

  function publish(delta: FleetDelta) {
    // The leader's own screens get the delta at once, even while Redis is down; the copy that
    // comes back over the bus is then already held and ignored.
    receive({ kind: "delta", delta });
    void bus.publish({ kind: "delta", delta });
    if (delta.alerts?.length) void archive?.add(delta.alerts);
    if (poller) {
      const { state, recording } = poller;
      void bus.storeSnapshot(() => state.snapshot(Date.now()));
      // Recorded after the delta has gone out, never awaited here (lib/history).
      recording.observe(delta);
    }
  }

  /** On the poller only: changed alert work becomes a version like any poll's. */
  function takeAlertWork(work: AlertWork[]) {
    if (!poller) return;
    const delta = poller.state.applyWork(work, Date.now());
    if (delta) publish(delta);
  }

  async function lead(isLeader: boolean) {
    // A demoted instance stops at once: timers cleared, calls under way cancelled.
    poller?.scheduler.stop();
    poller?.alertWork.stop();
    poller?.recording.stop();
    poller = undefined;
    if (!isLeader) {
      bus.resign();
      return;
    }
    const state = new FleetState(env.live.intervals, env.live.thresholds);
    // A new leader continues from what the previous one published: same versions, same data.
    await feed.catchUp();
    const latest = await bus.latestVersion();
    const archived = (await archive?.load()) ?? [];
    if (!leader.isLeader || poller) return; // leadership changed while Redis answered
    if (takeOver(mirror, state, { archived, latest, now: Date.now() }) === "new run") {
      broadcaster.reset(mirror.currentVersion, snapshots.current().frame);
    }
    const scheduler = new Scheduler(source, state, publish, {
      intervals: env.live.intervals,
      backfillMs: BACKFILL_MS,
    });
    const alertWork = new AlertWorkSync(
      {
        since: async (from) => alertWorkQueries(await serverDatabase()).since(from),
        changedWithin: async (seconds) =>
          alertWorkQueries(await serverDatabase()).changedWithin(seconds),
      },
      takeAlertWork,
      { windowMs: ALERT_RETENTION_MS, everyMs: ALERT_WORK_CHECK_MS },
    );
    const recording = startRecording({
      mirror,
      historyDays: env.historyDays,
      positionsIntervalMs: env.live.intervals.positions,
      raise: (alerts) => {
        const delta = state.raise(alerts, Date.now());
        if (delta && poller?.state === state) publish(delta);
      },
      log: console.log,
    });
    poller = { state, scheduler, alertWork, recording };
    scheduler.start();
    void alertWork.start();
  }

  bus.subscribe(receive);
  onSessionsChanged(() => bus.publish({ kind: "sessions-changed" }));
  void feed.catchUp().finally(() => leader.start((isLeader) => void lead(isLeader)));

  const streams = new StreamRegistry();
  const recorded =
    env.historyDays > 0
      ? new RecordedTrails({
          database: serverDatabase,
          source,
          historyDays: env.historyDays,
          thresholds: env.live.thresholds,
          log: console.log,
        })
      : undefined;
  const service: LiveService = {
    client,
    source,
    mirror,
    broadcaster,
    snapshots,
    trails: recorded ?? new TrailCache(source),
    recorded,
    leader,
    poller: () => poller,
    reportAlertWork(work) {
      if (poller) takeAlertWork(work);
      else void bus.publish({ kind: "alert-work", work });
    },
    streams,
    metrics,
  };
  metrics.bind(service);
  return service;
}

/** Observes how long each upstream request takes, by path (never the query or the body). */
function timedFetch(metrics: LiveMetrics): typeof fetch {
  return async (input, init) => {
    const started = performance.now();
    const url = new URL(input instanceof Request ? input.url : String(input));
    try {
      return await fetch(input, init);
    } finally {
      metrics.observeUpstream(url.pathname, (performance.now() - started) / 1000);
    }
  };
}

// Next.js may load this module more than once (instrumentation and each route bundle); the
// deployment must still have exactly one scheduler, one token and one request budget per process.
const SERVICE = Symbol.for("fleet-live.live-service");
type WithService = typeof globalThis & { [SERVICE]?: LiveService };

/** The process's live service, started on first use (instrumentation starts it at boot). */
export function getLiveService(): LiveService {
  const holder = globalThis as WithService;
  holder[SERVICE] ??= createLiveService();
  return holder[SERVICE];
}
