import { spawnSimulator, type SpawnedSimulator } from "../../scripts/lib/simulator-process";

export { spawnSimulator, type SpawnedSimulator };

/**
 * The day every test's simulated fleet lives, whatever the hour the tests run at: 12:00 in
 * Phoenix on a weekday, when most shifts are on the road. `TEST_SIM_START` (an ISO instant)
 * changes it for a whole run (scripts/test-at-hours.ts runs the suites at several hours); "now"
 * lets the fleet follow the wall clock. Fix, trip and alert times stay real either way, so the
 * product sees fresh data (see `--world-time` in sim/README.md).
 */
export const DEFAULT_TEST_SIM_START = "2026-03-03T19:00:00Z";

export function testSimStart(): string | undefined {
  const text = process.env.TEST_SIM_START?.trim() || DEFAULT_TEST_SIM_START;
  if (text === "now") return undefined;
  if (Number.isNaN(Date.parse(text))) {
    throw new Error(`TEST_SIM_START must be an ISO date-time or "now" (got "${text}")`);
  }
  return text;
}

/** The simulator flags that pin the fleet's day for tests (none when the run asks for "now"). */
export function pinnedDayArgs(): string[] {
  const start = testSimStart();
  return start === undefined ? [] : ["--world-time", start];
}

export type TestClock = "pinned" | "now";

/**
 * Starts the simulator for a test: its fleet lives the pinned day unless the test asks for the
 * wall clock by name (`clock: "now"`).
 */
export function spawnTestSimulator(
  args: string[] = [],
  { clock = "pinned", onLine }: { clock?: TestClock; onLine?: (line: string) => void } = {},
): Promise<SpawnedSimulator> {
  return spawnSimulator(clock === "now" ? args : [...pinnedDayArgs(), ...args], onLine);
}
