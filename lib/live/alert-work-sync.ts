import "server-only";
import type { AlertWork } from "@/lib/fleet/alert-work";
import type { EpochMs } from "@/lib/fleet/types";

export type AlertWorkSource = {
  /** The work of every alert from this alert time on. */
  since(alertTimeFrom: EpochMs): Promise<AlertWork[]>;
  /** The work changed within the last `seconds`, by the database's clock. */
  changedWithin(seconds: number): Promise<AlertWork[]>;
};

export type AlertWorkSyncOptions = {
  /** How far back the alert log reaches: the work read in at start. */
  windowMs: number;
  /** How often the database is asked what changed. */
  everyMs: number;
  now?: () => EpochMs;
};

/**
 * Keeps the poller's alert work in step with the database, which is the truth: the work of the
 * alert log's whole window when this instance starts polling, then every `everyMs` what changed
 * lately. Every change already reaches the poller at once over the bus; this is the net under
 * it, for a message lost while Redis was down or a change made while no instance was polling.
 * A failed read (the database away) reads the whole window again next time.
 */
export class AlertWorkSync {
  private timer: ReturnType<typeof setInterval> | undefined;
  private loaded = false;
  private running = false;
  private reading = false;
  private readonly now: () => EpochMs;

  constructor(
    private readonly source: AlertWorkSource,
    private readonly apply: (work: AlertWork[]) => void,
    private readonly options: AlertWorkSyncOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  start(): Promise<void> {
    this.running = true;
    this.timer = setInterval(() => void this.read(), this.options.everyMs);
    this.timer.unref?.();
    return this.read();
  }

  stop(): void {
    this.running = false;
    clearInterval(this.timer);
  }

  private async read(): Promise<void> {
    if (this.reading || !this.running) return;
    this.reading = true;
    try {
      // Three periods back: a read that is late or fails once still leaves nothing out.
      const lookbackS = Math.ceil((3 * this.options.everyMs) / 1000);
      const work = this.loaded
        ? await this.source.changedWithin(lookbackS)
        : await this.source.since(this.now() - this.options.windowMs);
      this.loaded = true;
      if (this.running && work.length > 0) this.apply(work);
    } catch (error) {
      if (this.loaded) console.warn(`[alerts] cannot read alert work: ${describe(error)}`);
      this.loaded = false;
    } finally {
      this.reading = false;
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.name : "unknown error";
}
