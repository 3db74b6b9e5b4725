/**
 * How fresh the dashboard's data is, as one of three words a person can trust at a glance.
 * Pure: the indicator, the wall screen and the tests all use this one rule.
 *
 * - OFFLINE: the server itself cannot be reached (stream down and polls failing) for more than
 *   30 s, or the newest positions are older than max(20 s, 12 positions poll intervals):
 *   2 min with FleetUp's recommended 10 s polls, 24 s with the e2e suite's 2 s polls.
 * - DELAYED: the server says its snapshot is stale (its reason is shown), or the positions are
 *   older than 3 poll intervals plus 5 s, or the connection to the server is being re-established.
 * - LIVE: otherwise (connected by stream or by polling, not stale, positions recent).
 *
 * Ages are measured on the server's clock (the client's clock plus the measured offset), so a
 * browser whose clock is wrong still shows true ages.
 */
import type { Translate } from "@/lib/i18n/catalog";
import type { Messages } from "@/lib/i18n/messages";

export type FeedState = "live" | "delayed" | "offline";

export type FeedInput = {
  /** The browser's clock, epoch ms. */
  now: number;
  /** Server clock minus browser clock, ms. */
  clockOffsetMs: number;
  /** Whether the last contact attempt with the server (stream or poll) succeeded. */
  reachable: boolean;
  /** Browser time since when the server has not been reachable, when it is not. */
  unreachableSince?: number;
  snapshot?: {
    stale: boolean;
    staleReason?: string;
    positionsAt?: number;
    positionsIntervalMs?: number;
  };
};

export type FeedStatus = {
  state: FeedState;
  /** How old the newest positions are, ms; absent before the first positions. */
  dataAgeMs?: number;
  /** Why the feed is not live, in the reader's language (the server's own reason as it says it). */
  reason?: string;
};

export const UNREACHABLE_OFFLINE_MS = 30_000;
const DEFAULT_POSITIONS_INTERVAL_MS = 10_000;

export function feedThresholds(positionsIntervalMs = DEFAULT_POSITIONS_INTERVAL_MS) {
  return {
    delayedAfterMs: 3 * positionsIntervalMs + 5_000,
    offlineAfterMs: Math.max(20_000, 12 * positionsIntervalMs),
  };
}

export function feedStatus(input: FeedInput, t: Translate<Messages["dashboard"]>): FeedStatus {
  const { snapshot } = input;
  const serverNow = input.now + input.clockOffsetMs;
  const dataAgeMs =
    snapshot?.positionsAt === undefined ? undefined : Math.max(0, serverNow - snapshot.positionsAt);
  const { delayedAfterMs, offlineAfterMs } = feedThresholds(snapshot?.positionsIntervalMs);
  const unreachableForMs =
    !input.reachable && input.unreachableSince !== undefined
      ? input.now - input.unreachableSince
      : 0;
  const serverReason = snapshot?.staleReason ?? t("feedServerOutOfDate");

  if (unreachableForMs > UNREACHABLE_OFFLINE_MS) {
    return { state: "offline", dataAgeMs, reason: t("feedUnreachable") };
  }
  if (dataAgeMs !== undefined && dataAgeMs > offlineAfterMs) {
    const why = snapshot?.stale ? serverReason : t("feedNoNewPositions");
    return { state: "offline", dataAgeMs, reason: why };
  }
  if (!input.reachable) {
    return { state: "delayed", dataAgeMs, reason: t("feedReconnecting") };
  }
  if (!snapshot) return { state: "delayed", reason: t("feedConnecting") };
  if (snapshot.stale) return { state: "delayed", dataAgeMs, reason: serverReason };
  if (dataAgeMs === undefined) {
    return { state: "delayed", reason: t("feedWaitingFirst") };
  }
  if (dataAgeMs > delayedAfterMs) {
    return { state: "delayed", dataAgeMs, reason: t("feedLate") };
  }
  return { state: "live", dataAgeMs };
}
