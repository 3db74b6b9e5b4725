import "server-only";
import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import { KEY_PREFIX } from "./connection";

const BUDGET_KEY = `${KEY_PREFIX}fleetup-budget`;

/** Redis's clock in ms, so instances with slightly different clocks still share one budget. */
const NOW = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)`;

/**
 * Books the next free start for the whole deployment: returns {how long to wait for it, the
 * budget's epoch}. `minWait` keeps the caller's own calls made while Redis was away spaced too.
 * The budget never expires, so no epoch means Redis lost it (a restart keeps nothing): a call may
 * have started a moment ago anywhere, and calls the leader made alone meanwhile are unknown. Then
 * only a caller allowed to `create` (the leader, or anyone who has waited for the leader to be
 * back) starts a new epoch, one interval out; the others get -1. An `urgent` call (a token, live
 * positions) books the first start after the last one made, ahead of the calls queued, and holds
 * that slot (`urgent`): the gate keeps other calls out of the interval on either side of it.
 * ARGV: interval, minWait, create ("1"/"0"), a new epoch id, urgent ("1"/"0").
 */
const BOOK = `${NOW}
local interval = tonumber(ARGV[1])
local epoch = redis.call('HGET', KEYS[1], 'epoch')
local next = now + interval
local queued = 0
if epoch then
  queued = tonumber(redis.call('HGET', KEYS[1], 'next') or '0')
  next = tonumber(redis.call('HGET', KEYS[1], 'started') or '0') + interval
  if ARGV[5] ~= '1' then next = math.max(next, queued) end
elseif ARGV[3] == '1' then
  epoch = ARGV[4]
  redis.call('HSET', KEYS[1], 'epoch', epoch)
else
  return {-1, ''}
end
local start = math.max(now, next, now + tonumber(ARGV[2]))
if ARGV[5] == '1' then
  local held = tonumber(redis.call('HGET', KEYS[1], 'urgent') or '0')
  if held + interval > start - interval then start = math.max(start, held + interval) end
  redis.call('HSET', KEYS[1], 'urgent', start)
end
redis.call('HSET', KEYS[1], 'next', math.max(queued, start + interval))
return {start - now, epoch}`;

/**
 * The gate right before a booked call starts: {0, the start recorded} when the last recorded
 * start is one interval ago, or is this caller's own (`mine`: it heard the answer late and
 * records its start again); else {how long to wait still, ""} (a call before this one started
 * late, or an urgent call holds a slot less than an interval away); {-1, ""} when the booking is
 * void (Redis restarted since). The start recorded is now plus `lag`, when the call may reach
 * FleetUp late; an urgent call's start releases its slot. ARGV: epoch, interval, mine, lag,
 * urgent.
 */
const START = `${NOW}
if redis.call('HGET', KEYS[1], 'epoch') ~= ARGV[1] then return {-1, ''} end
local interval = tonumber(ARGV[2])
local started = redis.call('HGET', KEYS[1], 'started')
if not (started and started == ARGV[3]) then
  local ready = tonumber(started or '0') + interval
  if now < ready then return {ready - now, ''} end
end
local held = tonumber(redis.call('HGET', KEYS[1], 'urgent') or '0')
if ARGV[5] == '1' then
  redis.call('HDEL', KEYS[1], 'urgent')
elseif now >= held - interval and now < held + interval then
  return {held + interval - now, ''}
end
local stamp = tostring(now + tonumber(ARGV[4]))
redis.call('HSET', KEYS[1], 'started', stamp)
return {0, stamp}`;

/** A Redis that does not answer within this long counts as unreachable. */
const REACH_TIMEOUT_MS = 1_000;
/**
 * A gate answer heard later than this after asking is stale (this process was busy: the start
 * Redis recorded is not when the call really starts), so the start is recorded again.
 */
const STALE_ANSWER_MS = 50;
/**
 * A call after a quiet spell goes out on a new connection (Node's fetch closes connections idle
 * for 4 s), whose set-up (and a first call's loading of the HTTP client) can delay its arrival
 * by a few hundred ms: the next call then waits that much longer.
 */
const COLD_AFTER_MS = 4_000;
const COLD_LAG_MS = 250;
/**
 * A process's first call also loads the HTTP client: on a busy machine the call after it, on
 * time, reached FleetUp 951 ms after it (a 429 in the Redis-restart spec, once in six runs).
 */
const FIRST_LAG_MS = 750;
/**
 * When Redis has come back empty, a caller other than the leader waits this long, plus two
 * intervals, before it starts the budget itself: by then the leader has reconnected (instances
 * retry every second at most, see `connectRedis`) and every call it planned alone (at most two
 * intervals ahead) has started, or it has booked its next call in Redis.
 */
const FRESH_HOLD_MS = 1_500;

/** Only the leader (the one poller) calls FleetUp while the shared budget cannot be reached. */
export type BudgetRole = { leading(): boolean };

const NOT_LEADING: BudgetRole = { leading: () => false };

const unreachable = () =>
  new Error("the deployment's shared request budget (Redis) cannot be reached");

/**
 * FleetUp's limit is per account, not per instance: every upstream request of every instance
 * books its start here and passes a gate right before it starts, so starts stay one interval
 * apart across the deployment, even when a call starts late, through a Redis restart and
 * across a hand-over:
 *
 * - while Redis cannot be reached, only the leader calls FleetUp, one interval apart, its first
 *   call one interval after losing Redis (someone may have started one a moment before); every
 *   other caller (followers' trails, the probe) is refused at once;
 * - when Redis comes back empty, the leader's next call starts the budget again one interval out
 *   and after its own calls made alone; its calls still waiting to go alone book through Redis
 *   from then on; the others wait for the leader to be back first;
 * - a booking made before a restart is void: the gate sends its caller to book again.
 */
export class RedisSharedBudget {
  /** This process's latest start, by its own clock (later by the lag it may have). */
  private lastStart = Number.NEGATIVE_INFINITY;
  /** When this process last called FleetUp, by its own clock. */
  private lastCall = Number.NEGATIVE_INFINITY;
  /**
   * Set while Redis cannot be reached (until a call of this process reaches it again): the
   * leader's first call alone, one interval after losing it.
   */
  private aloneFrom: number | undefined;

  constructor(
    private readonly redis: Redis,
    private readonly role: BudgetRole = NOT_LEADING,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Resolves (with 0: nothing left to wait) when this process may start its call, right then;
   * throws when it must not call FleetUp for now. `urgent` (token, live positions) counts only
   * for the leader, the one poller: a follower's or the probe's calls wait their turn.
   */
  async reserve(intervalMs: number, urgentCall = false): Promise<number> {
    const interval = Math.ceil(intervalMs);
    const urgent = urgentCall && this.role.leading();
    let create = this.role.leading();
    for (;;) {
      const booked = await this.book(interval, create, urgent);
      if (booked === "fresh") {
        await this.sleep(FRESH_HOLD_MS + 2 * interval);
        create = true;
        continue;
      }
      if (booked === "alone") {
        if (await this.startAlone(interval, this.aloneFrom)) return 0;
        continue;
      }
      await this.sleep(booked.start - this.now());
      if ((await this.passGate(booked.epoch, interval, urgent)) === "go") return 0;
      create = this.role.leading();
    }
  }

  /**
   * One booking: a start (local clock) with the epoch it belongs to; "fresh" when Redis is empty
   * and this caller may not start the budget; "alone" when Redis cannot be reached.
   */
  private async book(
    interval: number,
    create: boolean,
    urgent: boolean,
  ): Promise<{ start: number; epoch: string } | "fresh" | "alone"> {
    const now = this.now();
    const minWait = Math.max(0, this.lastStart + interval - now);
    let answer: [number, string];
    try {
      answer = (await this.ask(
        this.redis.eval(
          BOOK,
          1,
          BUDGET_KEY,
          interval,
          minWait,
          create ? 1 : 0,
          randomUUID(),
          urgent ? 1 : 0,
        ),
      )) as [number, string];
    } catch {
      // One interval after the failure was noticed (not after asking): a call gated by Redis
      // before it stopped answering may have started any time up to now.
      this.aloneFrom ??= this.now() + interval;
      return "alone";
    }
    this.aloneFrom = undefined;
    const [wait, epoch] = answer;
    return wait < 0 ? "fresh" : { start: now + wait, epoch };
  }

  /**
   * Waits at the gate until this booking may start: "go", or "void" (book again). The start is
   * recorded again when the answer came late (this process was busy) or when a call of this
   * process went alone meanwhile.
   */
  private async passGate(epoch: string, interval: number, urgent: boolean): Promise<"go" | "void"> {
    let mine = "";
    for (;;) {
      const asked = this.now();
      let answer: [number, string];
      try {
        answer = (await this.ask(
          this.redis.eval(START, 1, BUDGET_KEY, epoch, interval, mine, this.lag(), urgent ? 1 : 0),
        )) as [number, string];
      } catch {
        // Redis went away after this booking: the others' bookings are void, this one stands,
        // one interval after the failure (another call may have passed its gate meanwhile).
        const from = this.now() + interval;
        this.aloneFrom ??= from;
        return (await this.startAlone(interval, from)) ? "go" : "void";
      }
      const [wait, recorded] = answer;
      if (wait < 0) return "void";
      if (wait > 0) {
        await this.sleep(wait);
        continue;
      }
      mine = recorded;
      if (this.now() - asked > STALE_ANSWER_MS) continue;
      const ownWait = this.lastStart + interval - this.now();
      if (ownWait > 0) {
        await this.sleep(ownWait);
        continue;
      }
      this.started();
      return "go";
    }
  }

  /**
   * Without Redis: only the leader calls, one interval after this process's last start (and,
   * when `from` says so, not before one interval after Redis was lost); anybody else does not.
   * False when another call of this process reached Redis while this one waited: Redis is back,
   * and a call started alone now would be unknown to the followers booking through it.
   */
  private async startAlone(interval: number, from = Number.NEGATIVE_INFINITY): Promise<boolean> {
    if (!this.role.leading()) throw unreachable();
    for (;;) {
      if (this.aloneFrom === undefined) return false;
      const at = Math.max(from, this.lastStart + interval);
      if (at <= this.now()) break;
      await this.sleep(at - this.now());
    }
    this.started();
    return true;
  }

  /** This process starts a call now. */
  private started(): void {
    this.lastStart = this.now() + this.lag();
    this.lastCall = this.now();
  }

  /** How late this call may reach FleetUp: a cold connection's set-up, else nothing. */
  private lag(): number {
    if (this.lastCall === Number.NEGATIVE_INFINITY) return FIRST_LAG_MS;
    return this.now() - this.lastCall > COLD_AFTER_MS ? COLD_LAG_MS : 0;
  }

  /**
   * Redis's answer, or an error when it gives none within REACH_TIMEOUT_MS. A timer that fires
   * while the answer already waits on the socket (this process was busy for a second) lets it be
   * read first: a busy process is not a lost Redis, and going alone beside a follower that still
   * books through Redis would put two calls within a second.
   */
  private ask<T>(command: Promise<T>): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => setImmediate(() => reject(new Error("Redis did not answer"))),
        REACH_TIMEOUT_MS,
      );
    });
    return Promise.race([command, timeout]).finally(() => clearTimeout(timer));
  }

  private sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => setTimeout(resolve, ms));
  }
}
