"use client";

import { useMemo } from "react";
import { alertItems, workById } from "@/lib/fleet/alert-work";
import { useAlertAttention } from "@/components/alerts/use-alert-attention";
import { serverNow } from "@/components/dashboard/use-now";
import { useAlertBadges, type Fleet } from "@/components/fleet/use-fleet";
import { wallAlerts } from "./wall-data";

/**
 * The wall's alerts at `now`: those the rail lists, the clusters' badges, and the tone for an
 * open alert nobody has acknowledged (every `soundEveryS` seconds; 0: silent).
 */
export function useWallAlerts(
  fleet: Fleet,
  options: { escalateAfterMs: number; soundEveryS: number; now: number },
) {
  const { snapshot, byId } = fleet;
  const { escalateAfterMs, soundEveryS, now } = options;
  const alertWork = snapshot?.alertWork;
  const work = useMemo(() => workById(alertWork), [alertWork]);
  const items = useMemo(
    () => alertItems(snapshot?.alerts ?? [], work, escalateAfterMs, now),
    [snapshot?.alerts, work, escalateAfterMs, now],
  );
  const rail = useMemo(() => wallAlerts(items, now), [items, now]);
  useAlertAttention({
    items,
    serverNow,
    vehicleName: (id) => (id === undefined ? undefined : byId.get(id)?.name),
    soundEveryS,
  });
  const badges = useAlertBadges(fleet.alerts, alertWork, now);
  return { rail, badges };
}
