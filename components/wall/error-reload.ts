/**
 * When a wall screen that hit a render error reloads itself. Pure. The first error waits the
 * base delay (the wall's `errorReload` parameter, 10 s by default); each error after a reload
 * doubles the wait, up to five minutes, so a broken build costs the server one page load per
 * screen every five minutes rather than a reload loop. The streak is kept in the tab's
 * sessionStorage and forgotten once the screen has gone a quarter of an hour without an error.
 */
export const ERROR_RELOAD_MAX_S = 300;
export const ERROR_STREAK_RESET_MS = 15 * 60_000;
export const ERROR_STREAK_KEY = "fleet-live-wall-error-reloads";

export type ErrorStreak = { count: number; at: number };

/** The streak stored by the previous reload, or none when it is unreadable. */
export function readStreak(stored: string | null): ErrorStreak | undefined {
  if (stored === null) return undefined;
  try {
    const value = JSON.parse(stored) as Partial<ErrorStreak>;
    if (
      Number.isInteger(value.count) &&
      (value.count as number) >= 0 &&
      Number.isFinite(value.at)
    ) {
      return { count: value.count as number, at: value.at as number };
    }
  } catch {
    // Not ours, or cut short: start a new streak.
  }
  return undefined;
}

/** How long to wait before this reload, and the streak to store when it happens. */
export function planErrorReload(
  previous: ErrorStreak | undefined,
  now: number,
  baseS: number,
): { delayS: number; next: ErrorStreak } {
  const count =
    previous && now - previous.at >= 0 && now - previous.at < ERROR_STREAK_RESET_MS
      ? previous.count
      : 0;
  const delayS = Math.min(ERROR_RELOAD_MAX_S, baseS * 2 ** Math.min(count, 16));
  return { delayS, next: { count: count + 1, at: now } };
}
