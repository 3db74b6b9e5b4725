"use client";

import { useQuery } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { historyQueries } from "@/lib/queries/history";
import type { LiveVehicle } from "@/lib/fleet/live";
import type { Alert, Fence, Trip } from "@/lib/fleet/types";
import type { NearOrigin, SidePanel as Panel, SpeedUnits } from "@/lib/queries/url-state";
import { AlertsPanel } from "@/components/alerts/alerts-panel";
import { countUnread } from "@/components/alerts/alert-text";
import { useAlertPrefs, useAlertSound } from "@/components/alerts/use-alert-prefs";
import { TripsPanel } from "@/components/fleet/trips-panel";
import { FencesPanel } from "./fences-panel";
import { SidePanel } from "./side-panel";
import { serverNow, useServerNow } from "./use-now";

/** The right-hand column's content: the selected vehicle, then alerts, trips or fences. */
export function DashboardSide(props: {
  detail: ReactNode;
  panel: Panel;
  onPanel: (panel: Panel) => void;
  alerts: readonly Alert[];
  trips: readonly Trip[];
  fences: readonly Fence[];
  vehiclesById: ReadonlyMap<string, LiveVehicle>;
  units: SpeedUnits;
  onSelectVehicle: (id: string) => void;
  onFocusFence: (id: string) => void;
  /** Asks who is nearest a place (an alert's position, a fence). */
  onNearest: (near: NearOrigin) => void;
  isAdmin: boolean;
}) {
  const { alerts, vehiclesById } = props;
  const prefs = useAlertPrefs(serverNow);
  useAlertSound(alerts, prefs.sound);
  // "Today" is this browser's day; the board is asked for while the fences panel is open.
  const [midnight] = useState(() => new Date(serverNow()).setHours(0, 0, 0, 0));
  const occupancy = useQuery({
    ...historyQueries.occupancy(midnight),
    enabled: props.panel === "fences",
  });
  const now = useServerNow(props.panel === "fences" ? 15_000 : 60_000);
  const focusAlert = (alert: Alert) => {
    if (alert.deviceId && vehiclesById.has(alert.deviceId)) props.onSelectVehicle(alert.deviceId);
    else if (alert.fenceId) props.onFocusFence(alert.fenceId);
  };
  return (
    <SidePanel
      detail={props.detail}
      panel={props.panel}
      onPanel={props.onPanel}
      unread={countUnread(alerts, prefs.readAt)}
      trips={props.trips.length}
      fences={props.fences.length}
      soundOn={prefs.sound}
      onSound={prefs.setSound}
      onMarkRead={() => prefs.markRead(alerts[0]?.time ?? serverNow())}
    >
      {props.panel === "alerts" ? (
        <AlertsPanel
          alerts={alerts}
          vehiclesById={vehiclesById}
          readAt={prefs.readAt}
          onFocus={focusAlert}
          onNearest={([lat, lng]) => props.onNearest({ kind: "point", lat, lng })}
        />
      ) : props.panel === "trips" ? (
        <TripsPanel
          trips={props.trips}
          vehiclesById={vehiclesById}
          units={props.units}
          onSelect={props.onSelectVehicle}
        />
      ) : (
        <FencesPanel
          fences={props.fences}
          occupancy={occupancy.data}
          now={now}
          isAdmin={props.isAdmin}
          onSelectVehicle={props.onSelectVehicle}
          onLimitSaved={() => void occupancy.refetch()}
          onFocus={props.onFocusFence}
          onNearest={(id) => props.onNearest({ kind: "fence", id })}
        />
      )}
    </SidePanel>
  );
}
