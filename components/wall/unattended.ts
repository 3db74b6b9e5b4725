/**
 * The pure rules behind the wall's unattended behaviour: shifting against burn-in and deciding
 * when the page should reload itself.
 */

/** Each step of the burn-in orbit lasts this long. */
export const BURN_IN_STEP_MS = 3 * 60_000;
/** The orbit: eight positions around the origin, in rem (a few pixels at any screen size). */
const ORBIT: ReadonlyArray<readonly [number, number]> = [
  [0, 0],
  [0.2, 0],
  [0.2, 0.2],
  [0, 0.2],
  [-0.2, 0.2],
  [-0.2, 0],
  [-0.2, -0.2],
  [0, -0.2],
];

/** Where static elements sit at `now`: a slow orbit, so no pixel shows the same edge for hours. */
export function burnInOffset(now: number): { x: number; y: number } {
  const [x, y] = ORBIT[Math.floor(now / BURN_IN_STEP_MS) % ORBIT.length]!;
  return { x, y };
}

/** A page just loaded may not reload for memory for this long (no reload loop on a low limit). */
export const MEMORY_RELOAD_GRACE_MS = 10 * 60_000;

export type ReloadInput = {
  /** The build this page came from, and the build the server now runs (undefined: no answer). */
  pageBuild: string;
  serverBuild?: string;
  heapBytes?: number;
  maxHeapBytes: number;
  pageAgeMs: number;
};

/**
 * Why the page should reload now, or undefined. Only ever when the server answered (a reload
 * while the server is down would leave the browser's error page, which never recovers).
 */
export function reloadReason(input: ReloadInput): "new version" | "memory" | undefined {
  if (input.serverBuild === undefined) return undefined;
  if (input.serverBuild !== input.pageBuild) return "new version";
  if (
    input.heapBytes !== undefined &&
    input.heapBytes > input.maxHeapBytes &&
    input.pageAgeMs > MEMORY_RELOAD_GRACE_MS
  ) {
    return "memory";
  }
  return undefined;
}
