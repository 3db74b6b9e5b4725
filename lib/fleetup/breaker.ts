import "server-only";
import type { Clock } from "./clock";
import type { Priority } from "./limiter";

export type BreakerState = "closed" | "open" | "half_open";

export type BreakerOptions = {
  /** Consecutive outage failures (network, timeout, 5xx) that open the breaker. */
  consecutiveFailures: number;
  /** While open, a call of any priority may try FleetUp again after this long. */
  halfOpenAfterMs: number;
  clock: Clock;
  onOpen?: () => void;
  onClose?: () => void;
};

/** What the breaker says about one call: go ahead, go as the one trial call, or fail fast. */
export type Admission = "go" | "trial" | "reject";

/**
 * Stops hammering FleetUp while it is down, without delaying recovery. After a run of outage
 * failures the breaker opens and calls fail fast, except one trial at a time: a live call (the
 * positions poll, once per interval) may always be the trial, and any call may after
 * `halfOpenAfterMs`. So while FleetUp is down it costs one request per positions interval, and
 * the map is fresh again within one interval of FleetUp answering, whatever `halfOpenAfterMs`
 * says. A failed trial is not retried: the next interval brings the next one.
 */
export class CircuitBreaker {
  private failures = 0;
  private openedAt: number | undefined;
  private trialInFlight = false;
  opens = 0;

  constructor(private readonly options: BreakerOptions) {}

  get state(): BreakerState {
    if (this.openedAt === undefined) return "closed";
    return this.trialInFlight ? "half_open" : "open";
  }

  admit(priority: Priority): Admission {
    if (this.openedAt === undefined) return "go";
    if (this.trialInFlight) return "reject";
    const waited = this.options.clock.now() - this.openedAt >= this.options.halfOpenAfterMs;
    if (priority === "live" || waited) {
      this.trialInFlight = true;
      return "trial";
    }
    return "reject";
  }

  /** FleetUp answered (any answer that is not an outage). */
  succeeded(admission: Admission): void {
    if (admission === "trial") this.trialInFlight = false;
    this.failures = 0;
    if (this.openedAt !== undefined) {
      this.openedAt = undefined;
      this.options.onClose?.();
    }
  }

  /** FleetUp is down for this call (network error, timeout, 5xx). */
  failed(admission: Admission): void {
    if (admission === "trial") {
      this.trialInFlight = false;
      this.openedAt = this.options.clock.now();
      return;
    }
    this.failures += 1;
    if (this.openedAt === undefined && this.failures >= this.options.consecutiveFailures) {
      this.openedAt = this.options.clock.now();
      this.opens += 1;
      this.options.onOpen?.();
    }
  }

  /** A trial that ended without telling whether FleetUp is up (e.g. a 4xx for a bad request). */
  released(admission: Admission): void {
    if (admission === "trial") this.trialInFlight = false;
  }
}
