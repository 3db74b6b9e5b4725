/**
 * Counts of every FleetUp-path request by path and outcome, so tests can prove how many
 * upstream calls the product makes. Outcomes are HTTP statuses, or "hung" / "refused" for
 * requests the outage and hang faults never answer.
 */
export type StatsSnapshot = { total: number; byPath: Record<string, Record<string, number>> };

const MAX_DISTINCT_PATHS = 500;

export class RequestStats {
  private total = 0;
  private byPath = new Map<string, Map<string, number>>();

  record(path: string, outcome: number | "hung" | "refused") {
    this.total += 1;
    const key = this.byPath.has(path) || this.byPath.size < MAX_DISTINCT_PATHS ? path : "(other)";
    const counts = this.byPath.get(key) ?? new Map<string, number>();
    this.byPath.set(key, counts);
    const status = String(outcome);
    counts.set(status, (counts.get(status) ?? 0) + 1);
  }

  snapshot(): StatsSnapshot {
    const byPath: StatsSnapshot["byPath"] = {};
    for (const [path, counts] of this.byPath) byPath[path] = Object.fromEntries(counts);
    return { total: this.total, byPath };
  }

  reset() {
    this.total = 0;
    this.byPath.clear();
  }
}
