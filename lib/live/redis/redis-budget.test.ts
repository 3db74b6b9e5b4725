import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { RedisSharedBudget } from "./redis-budget";
import { connected, pause, startTestRedis } from "@/e2e/support/test-redis";

/** The deployment's request budget against a real redis-server, restarted empty. */
const INTERVAL = 300;
const TOLERANCE = 15;

describe("RedisSharedBudget (real Redis)", { timeout: 30_000 }, () => {
  let redis: Awaited<ReturnType<typeof startTestRedis>>;
  let leaderConnection: ReturnType<typeof redis.connect>;
  let followerConnection: ReturnType<typeof redis.connect>;

  beforeAll(async () => {
    redis = await startTestRedis();
    leaderConnection = redis.connect("leader");
    followerConnection = redis.connect("follower");
  });
  afterAll(() => redis?.stop());
  beforeEach(async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    await Promise.all([connected(leaderConnection), connected(followerConnection)]);
    await leaderConnection.flushall();
  });

  /** Two instances' budgets, each with a warm connection (no cold lag) unless told otherwise. */
  async function instances() {
    const leader = new RedisSharedBudget(leaderConnection, { leading: () => true });
    const follower = new RedisSharedBudget(followerConnection, { leading: () => false });
    await leader.reserve(INTERVAL);
    await pause(INTERVAL);
    await follower.reserve(INTERVAL);
    await pause(INTERVAL);
    return { leader, follower };
  }

  /** Reserves and notes when the caller may start (local clock). */
  const startOf = async (budget: RedisSharedBudget) => {
    const wait = await budget.reserve(INTERVAL);
    return Date.now() + wait;
  };

  const gaps = (starts: number[]) =>
    [...starts].sort((a, b) => a - b).flatMap((at, i, all) => (i === 0 ? [] : [at - all[i - 1]!]));

  it("keeps the starts of two instances one interval apart", async () => {
    const { leader, follower } = await instances();
    const starts = await Promise.all(
      [leader, follower, leader, follower, leader, follower].map(startOf),
    );
    for (const gap of gaps(starts)) expect(gap).toBeGreaterThanOrEqual(INTERVAL - TOLERANCE);
  });

  it("an urgent call (live positions) goes ahead of the calls queued, and every start stays one interval apart", async () => {
    const { leader, follower } = await instances();
    const started = Date.now();
    const queued = [1, 2, 3, 4].map(() => startOf(follower));
    await pause(20);
    const urgent = (async () => {
      const wait = await leader.reserve(INTERVAL, true);
      return Date.now() + wait;
    })();
    const starts = await Promise.all([...queued, urgent]);
    for (const gap of gaps(starts)) expect(gap).toBeGreaterThanOrEqual(INTERVAL - TOLERANCE);
    // Behind at most the one call starting when it asked, not behind the four queued.
    expect((await urgent) - started).toBeLessThan(3 * INTERVAL);
  });

  it("while Redis is down, refuses a follower's call at once and lets the leader go alone, its first call one interval after losing Redis", async () => {
    const { leader, follower } = await instances();
    const lastBefore = await startOf(leader);
    await redis.down();
    try {
      const asked = Date.now();
      await expect(follower.reserve(INTERVAL)).rejects.toThrow(/cannot be reached/);
      expect(Date.now() - asked).toBeLessThan(1_100);

      const lost = Date.now();
      const alone = await Promise.all([startOf(leader), startOf(leader), startOf(leader)]);
      const sorted = [...alone].sort((a, b) => a - b);
      expect(sorted[0]! - lost).toBeGreaterThanOrEqual(INTERVAL - TOLERANCE);
      expect(sorted[0]! - lastBefore).toBeGreaterThanOrEqual(INTERVAL - TOLERANCE);
      for (const gap of gaps(alone)) expect(gap).toBeGreaterThanOrEqual(INTERVAL - TOLERANCE);
    } finally {
      await redis.up();
    }
  });

  it("a leader busy for longer than Redis's timeout still books through Redis: a busy process is not a lost Redis", async () => {
    const { leader, follower } = await instances();
    const leaderStart = startOf(leader);
    // The leader's process is busy (a long render, a GC pause) while Redis answers.
    const until = Date.now() + 1_200;
    while (Date.now() < until);
    const followerStart = await startOf(follower);
    expect(Math.abs(followerStart - (await leaderStart))).toBeGreaterThanOrEqual(
      INTERVAL - TOLERANCE,
    );
  });

  it("after Redis comes back empty, starts the budget one interval after the leader's calls made alone, and the follower waits for the leader", async () => {
    const { leader, follower } = await instances();
    await redis.down();
    const aloneStart = await startOf(leader);
    await redis.up();
    await Promise.all([connected(leaderConnection), connected(followerConnection)]);

    const followerStart = startOf(follower);
    await pause(50);
    const leaderStart = await startOf(leader);
    expect(leaderStart - aloneStart).toBeGreaterThanOrEqual(INTERVAL - TOLERANCE);
    expect((await followerStart) - leaderStart).toBeGreaterThanOrEqual(INTERVAL - TOLERANCE);
  });

  it("a leader's calls still waiting to go alone when Redis comes back book through Redis, so a follower's start never meets one of them", async () => {
    const { leader, follower } = await instances();
    await redis.down();
    // The leader's poller queues more calls than fit before Redis is back: they go alone, one
    // interval apart, the later ones still waiting when it returns.
    const alone = Array.from({ length: 10 }, () => startOf(leader));
    await pause(1_200);
    await redis.up();
    await Promise.all([connected(leaderConnection), connected(followerConnection)]);
    // The leader's next call reaches Redis (and starts the budget); the follower books behind it.
    const throughRedis = startOf(leader);
    await pause(50);
    const followers = [startOf(follower), startOf(follower)];
    const starts = await Promise.all([...alone, throughRedis, ...followers]);
    for (const gap of gaps(starts)) expect(gap).toBeGreaterThanOrEqual(INTERVAL - TOLERANCE);
  });

  it("voids a slot booked before Redis restarted: its caller books again behind the calls booked since", async () => {
    const { leader, follower } = await instances();
    // The follower's slot is 1.5 s out (others booked before it).
    const [seconds = 0, micros = 0] = (await followerConnection.time()).map(Number);
    const now = seconds * 1000 + Math.floor(micros / 1000);
    await followerConnection.hset("fleet-live:fleetup-budget", { next: now + 1_500 });
    const booked = Date.now();
    const followerStart = startOf(follower);
    await pause(500);
    await redis.restart(100);
    await connected(leaderConnection);
    // The leader's first call on the new budget lands right where the void slot was.
    await pause(Math.max(0, booked + 1_500 - INTERVAL - Date.now()));
    const leaderStart = await startOf(leader);
    expect(Math.abs((await followerStart) - leaderStart)).toBeGreaterThanOrEqual(
      INTERVAL - TOLERANCE,
    );
  });

  it("spaces the next start after a slot booked far ahead, however long the wait", async () => {
    const { leader, follower } = await instances();
    const [seconds = 0, micros = 0] = (await followerConnection.time()).map(Number);
    const now = seconds * 1000 + Math.floor(micros / 1000);
    // Another instance booked the budget 5 s ahead (a Retry-After, or a long queue).
    await followerConnection.hset("fleet-live:fleetup-budget", { next: now + 5_000 });
    const asked = Date.now();
    const first = startOf(follower);
    await pause(2_500);
    const second = await startOf(leader);
    expect((await first) - asked).toBeGreaterThan(4_900);
    expect(second - (await first)).toBeGreaterThanOrEqual(INTERVAL - TOLERANCE);
  });

  it("makes the call after a cold one wait longer: a new connection may delay its arrival", async () => {
    const leader = new RedisSharedBudget(leaderConnection, { leading: () => true });
    const cold = await startOf(leader);
    const next = await startOf(leader);
    expect(next - cold).toBeGreaterThanOrEqual(INTERVAL + 250 - TOLERANCE);
  });
});
