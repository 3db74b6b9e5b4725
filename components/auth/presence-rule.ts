import type { FeedConnection } from "@/lib/queries/feed-connection";

/**
 * When a page tells the server that someone is there (docs/sign-in.md, Sessions). The server
 * slides the idle window only for a report that says "present", and the page says it only while
 * it is visible and receiving the live feed, or when a person uses it; a hidden tab merely asks
 * how long its session has left, so it idles out after SESSION_IDLE_S.
 */
export type PresenceTiming = {
  /** How often a visible page receiving the feed reports: 6 times an idle window, at most 1/min. */
  reportEveryMs: number;
  /** How long before an idle sign-out the warning shows: 2 minutes, or a quarter of a short one. */
  warnBeforeMs: number;
};

export function presenceTiming(idleS: number): PresenceTiming {
  const idleMs = idleS * 1000;
  return {
    reportEveryMs: Math.min(60_000, Math.floor(idleMs / 6)),
    warnBeforeMs: Math.min(120_000, Math.floor(idleMs / 4)),
  };
}

/** The stream's heartbeat comes every 15 s; three missed ones and the page is not receiving. */
const FEED_QUIET_MS = 45_000;

/** Receiving the live feed: a stream message or a poll answer arrived in the last 45 s. */
export function receivingFeed(connection: FeedConnection, nowMs: number): boolean {
  return (
    connection.reachable &&
    !connection.denied &&
    connection.lastContactAt !== undefined &&
    nowMs - connection.lastContactAt < FEED_QUIET_MS
  );
}

/** What a page knows of its session, in browser time (ms). */
export type PresenceState = {
  /** When the session idles out, as the server last said (or assumed from the page load). */
  idleEndsAt: number;
  /** The last "present" report sent. */
  presentAt: number;
  /** The last "how long is left" question sent, and the last answer of either kind. */
  checkedAt: number;
  answeredAt: number;
};

export type PresenceStep = "report" | "check" | "wait";

/**
 * The next thing to do, judged about once a second: report presence when visible and receiving
 * the feed (at most every `reportEveryMs`); otherwise, once the warning is due, ask the server
 * how long is left (another tab may have kept the session), again every `reportEveryMs`, and
 * every time once the deadline has passed, until the server says the session has ended.
 */
export function presenceStep(
  state: PresenceState,
  nowMs: number,
  page: { visible: boolean; receiving: boolean },
  timing: PresenceTiming,
): PresenceStep {
  if (page.visible && page.receiving && nowMs - state.presentAt >= timing.reportEveryMs) {
    return "report";
  }
  const warnFrom = state.idleEndsAt - timing.warnBeforeMs;
  if (nowMs < warnFrom) return "wait";
  const due =
    state.checkedAt < warnFrom ||
    nowMs >= state.idleEndsAt ||
    nowMs - state.checkedAt >= timing.reportEveryMs;
  return due ? "check" : "wait";
}

/** The warning shows once the server has said, inside the warning lead, that the end is near. */
export function warningDue(state: PresenceState, nowMs: number, timing: PresenceTiming): boolean {
  const warnFrom = state.idleEndsAt - timing.warnBeforeMs;
  return nowMs >= warnFrom && state.answeredAt >= warnFrom;
}
