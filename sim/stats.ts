/**
 * Counts of every FleetUp-path request by path and outcome, so tests can prove how many
 * upstream calls the product makes, and when each arrived, so they can prove how far apart.
 * Outcomes are HTTP statuses, or "hung" / "refused" for requests the outage and hang faults
 * never answer.
 */
export type StatsSnapshot = { total: number; byPath: Record<string, Record<string, number>> };

/** One request as it arrived: epoch ms (fractional), path, outcome. */
export type RequestArrival = { at: number; path: string; outcome: string };

const MAX_DISTINCT_PATHS = 500;
/** The arrival log keeps the latest this many requests (hours of a 1 request/s product). */
const MAX_ARRIVALS = 20_000;

/** Now in epoch ms with sub-millisecond precision (the rate limiter's own clock, made absolute). */
export const arrivalTime = () => performance.timeOrigin + performance.now();

export class RequestStats {
  private total = 0;
  private byPath = new Map<string, Map<string, number>>();
  private arrivals: RequestArrival[] = [];

  record(path: string, outcome: number | "hung" | "refused", arrivedAt = arrivalTime()) {
    this.total += 1;
    const key = this.byPath.has(path) || this.byPath.size < MAX_DISTINCT_PATHS ? path : "(other)";
    const counts = this.byPath.get(key) ?? new Map<string, number>();
    this.byPath.set(key, counts);
    const status = String(outcome);
    counts.set(status, (counts.get(status) ?? 0) + 1);
    this.arrivals.push({ at: arrivedAt, path: key, outcome: status });
    if (this.arrivals.length > MAX_ARRIVALS) this.arrivals.shift();
  }

  snapshot(): StatsSnapshot {
    const byPath: StatsSnapshot["byPath"] = {};
    for (const [path, counts] of this.byPath) byPath[path] = Object.fromEntries(counts);
    return { total: this.total, byPath };
  }

  /** Every recorded request by arrival time, oldest first. */
  requests(): RequestArrival[] {
    return [...this.arrivals].sort((a, b) => a.at - b.at);
  }

  reset() {
    this.total = 0;
    this.byPath.clear();
    this.arrivals = [];
  }
}
