/**
 * What the replay's scrub bar marks: alerts (a tick), stops and fence visits (a span), each with
 * the words a person reads on it. Pure.
 */
import type { FenceStay, HistoryEvent, Stop } from "@/lib/fleet/history";
import type { EpochMs } from "@/lib/fleet/types";
import type { Translate } from "@/lib/i18n/catalog";
import type { Messages } from "@/lib/i18n/messages";

export type ReplayMark = {
  kind: "alert" | "stop" | "visit";
  from: EpochMs;
  /** Equal to `from` for an alert. */
  to: EpochMs;
  label: string;
};

/** Marks within `from`..`to`, spans cut to it, ordered by time; stays still going end at `to`. */
export function replayMarks(
  range: { from: EpochMs; to: EpochMs },
  parts: {
    events: readonly HistoryEvent[];
    visits: readonly FenceStay[];
    stops?: readonly Stop[];
    vehicleName?: (id: string) => string;
  },
  t: Translate<Messages["replay"]>,
): ReplayMark[] {
  const { from, to } = range;
  const name = (id: string) => parts.vehicleName?.(id) ?? id;
  const marks: ReplayMark[] = [];
  for (const event of parts.events) {
    if (event.kind !== "alert" || event.t < from || event.t > to) continue;
    const label =
      event.deviceId && parts.vehicleName
        ? t("markAlert", { name: name(event.deviceId), alert: event.label })
        : event.label;
    marks.push({ kind: "alert", from: event.t, to: event.t, label });
  }
  for (const stop of parts.stops ?? []) {
    if (stop.to < from || stop.from > to) continue;
    marks.push({
      kind: "stop",
      from: Math.max(stop.from, from),
      to: Math.min(stop.to, to),
      label: t("markStop"),
    });
  }
  for (const visit of parts.visits) {
    const end = visit.exitedAt ?? to;
    if (end < from || visit.enteredAt > to) continue;
    const fence = visit.fenceName;
    marks.push({
      kind: "visit",
      from: Math.max(visit.enteredAt, from),
      to: Math.min(end, to),
      label: parts.vehicleName
        ? t("markVehicleIn", { name: name(visit.deviceId), fence })
        : t("markIn", { fence }),
    });
  }
  return marks.sort((a, b) => a.from - b.from || a.to - b.to);
}

/** The replay time after `elapsedMs` of real time at `speed`, stopping at `to`. */
export function advance(t: EpochMs, elapsedMs: number, speed: number, to: EpochMs): EpochMs {
  return Math.min(to, t + elapsedMs * speed);
}
