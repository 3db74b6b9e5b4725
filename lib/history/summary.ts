import "server-only";
import type { Database } from "@/lib/db/database";
import { fenceOccupancyQueries } from "@/lib/db/fence-occupancy";
import { DAY_MS, dayOf, historyQueries, type EventRow } from "@/lib/db/history";
import { lastLookQueries } from "@/lib/db/last-looks";
import { alertLabel, openAlerts } from "@/lib/fleet/alerts";
import type { LookLine, SinceLastLook } from "@/lib/fleet/history";
import type { Alert, EpochMs } from "@/lib/fleet/types";
import type { FleetMirror } from "@/lib/live/mirror";

/** Each list of the summary is cut to this many lines (newest first). */
const MAX_LINES = 50;

const newestFirst = (a: LookLine, b: LookLine) => b.at - a.at;
const cut = (lines: LookLine[]) => lines.sort(newestFirst).slice(0, MAX_LINES);

/**
 * What happened since `email` last looked: new alerts and those still open from before, vehicles
 * that went offline (and are still) or came back, entries into restricted zones, trips started
 * and ended. From the recorded events (and the live alert log), at most HISTORY_DAYS back.
 */
export async function sinceLastLook(
  db: Database,
  mirror: FleetMirror,
  email: string,
  options: { now: EpochMs; historyDays: number },
): Promise<SinceLastLook> {
  const { now } = options;
  const since = (await lastLookQueries(db).find(email)) ?? null;
  const empty: SinceLastLook = {
    since,
    now,
    newAlerts: [],
    openAlerts: [],
    wentOffline: [],
    cameBack: [],
    restrictedEntries: [],
    tripsStarted: [],
    tripsEnded: [],
  };
  if (since === null) return empty;
  const from = Math.max(since + 1, (dayOf(now) - Math.max(options.historyDays, 1)) * DAY_MS);
  const [events, stays] = await Promise.all([
    options.historyDays > 0
      ? historyQueries(db).events(from, now, {
          kinds: ["alert", "status", "trip_start", "trip_end"],
          limit: 20_000,
        })
      : Promise.resolve([] as EventRow[]),
    fenceOccupancyQueries(db).visitsSince(from),
  ]);
  const vehicleName = (id: string | undefined) =>
    (id === undefined ? undefined : mirror.vehicle(id)?.name) ?? id ?? "";
  const fenceName = new Map(mirror.fenceList().map((fence) => [fence.id, fence.name]));
  const alertLine = (alert: Alert): LookLine => ({
    at: alert.time,
    ...(alert.deviceId ? { deviceId: alert.deviceId } : {}),
    ...(alert.fenceId ? { fenceId: alert.fenceId } : {}),
    name: vehicleName(alert.deviceId) || (alert.fenceName ?? ""),
    text: [alertLabel(alert), alert.fenceName, alert.message].filter(Boolean).join(" · "),
    severity: alert.severity,
  });

  const live = mirror.snapshot().alerts;
  const fresh = new Map<string, Alert>();
  for (const event of events) {
    if (event.kind === "alert") fresh.set(event.ref, event.data as unknown as Alert);
  }
  for (const alert of live) if (alert.time > since) fresh.set(alert.id, alert);

  const lastStatus = new Map<string, { to: string; at: EpochMs; wasOffline: boolean }>();
  for (const event of events) {
    if (event.kind !== "status" || !event.deviceId) continue;
    const held = lastStatus.get(event.deviceId);
    lastStatus.set(event.deviceId, {
      to: String(event.data.to),
      at: event.t,
      wasOffline: (held?.wasOffline ?? false) || event.data.from === "offline",
    });
  }
  const wentOffline: LookLine[] = [];
  const cameBack: LookLine[] = [];
  for (const [deviceId, change] of lastStatus) {
    const current = mirror.vehicle(deviceId)?.status;
    const line = { at: change.at, deviceId, name: vehicleName(deviceId) };
    if (change.to === "offline" && current === "offline") {
      wentOffline.push({ ...line, text: "went offline" });
    } else if (change.wasOffline && current !== undefined && current !== "offline") {
      cameBack.push({ ...line, text: `came back (${current})` });
    }
  }
  const trips = (kind: "trip_start" | "trip_end", text: string) =>
    events
      .filter((event) => event.kind === kind)
      .map((event) => ({
        at: event.t,
        ...(event.deviceId ? { deviceId: event.deviceId } : {}),
        name: vehicleName(event.deviceId ?? undefined),
        text,
      }));

  return {
    ...empty,
    newAlerts: cut([...fresh.values()].map(alertLine)),
    openAlerts: cut(
      openAlerts(live, now)
        .filter((a) => a.time <= since)
        .map(alertLine),
    ),
    wentOffline: cut(wentOffline),
    cameBack: cut(cameBack),
    restrictedEntries: cut(
      stays
        .filter((stay) => stay.restricted && stay.enteredAt > since)
        .map((stay) => ({
          at: stay.enteredAt,
          deviceId: stay.deviceId,
          fenceId: stay.fenceId,
          name: vehicleName(stay.deviceId),
          text: `entered ${fenceName.get(stay.fenceId) ?? stay.fenceId}`,
        })),
    ),
    tripsStarted: cut(trips("trip_start", "started a trip")),
    tripsEnded: cut(trips("trip_end", "ended a trip")),
  };
}
