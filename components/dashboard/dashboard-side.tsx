"use client";

import { useQuery } from "@tanstack/react-query";
import { useCallback, useMemo, useState, type ReactNode } from "react";
import { roleAtLeast, type SessionUser } from "@/lib/fleet/access";
import { useT } from "@/lib/i18n/i18n-provider";
import { alertItems, workById, type AlertFilter, type AlertWork } from "@/lib/fleet/alert-work";
import { historyQueries } from "@/lib/queries/history";
import type { LiveVehicle } from "@/lib/fleet/live";
import type { Alert, Fence, LatLng, Trip } from "@/lib/fleet/types";
import type { NearOrigin, SpeedUnits } from "@/lib/queries/url-state";
import { AlertSettings } from "@/components/alerts/alert-settings";
import { AlertsPanel } from "@/components/alerts/alerts-panel";
import { countUnread } from "@/components/alerts/alert-text";
import { useAlertAttention } from "@/components/alerts/use-alert-attention";
import { useAlertPrefs } from "@/components/alerts/use-alert-prefs";
import { TripsPanel } from "@/components/fleet/trips-panel";
import { FaultPoint } from "@/components/ui/fault-point";
import { PanelBoundary } from "@/components/ui/panel-boundary";
import { FencesPanel } from "./fences-panel";
import { SidePanel, type PanelTab } from "./side-panel";
import { serverNow, useServerNow } from "./use-now";

const PART = {
  vehicles: "partList",
  alerts: "partAlerts",
  trips: "partTrips",
  fences: "partFences",
} as const;

/**
 * The panels' content: the selected vehicle, then alerts, trips or fences (and on a phone or a
 * tablet the vehicle list), in the frame the layout asks for.
 */
export function DashboardSide(props: {
  variant: "column" | "side" | "sheet";
  detail: ReactNode;
  tab: PanelTab;
  onTab: (tab: PanelTab) => void;
  vehicles?: { count: number; content: ReactNode };
  open: boolean;
  onOpen: (open: boolean) => void;
  alerts: readonly Alert[];
  alertWork: readonly AlertWork[] | undefined;
  user: SessionUser;
  escalateAfterMs: number;
  alertFilter: AlertFilter;
  onAlertFilter: (filter: AlertFilter) => void;
  openAlertId: string | undefined;
  onOpenAlert: (id: string | undefined) => void;
  trips: readonly Trip[];
  fences: readonly Fence[];
  vehiclesById: ReadonlyMap<string, LiveVehicle>;
  units: SpeedUnits;
  onSelectVehicle: (id: string) => void;
  onFocusFence: (id: string) => void;
  onShowPlace: (position: LatLng) => void;
  /** Asks who is nearest a place (an alert's position, a fence). */
  onNearest: (near: NearOrigin) => void;
  isAdmin: boolean;
}) {
  const { alerts, alertWork, vehiclesById, escalateAfterMs, user } = props;
  const t = useT("shell");
  const now = useServerNow(5000);
  const items = useMemo(
    () => alertItems(alerts, workById(alertWork), escalateAfterMs, now),
    [alerts, alertWork, escalateAfterMs, now],
  );
  const vehicleName = useCallback(
    (id: string | undefined) => (id === undefined ? undefined : vehiclesById.get(id)?.name),
    [vehiclesById],
  );
  const prefs = useAlertPrefs(serverNow);
  const spoken = useAlertAttention({
    items,
    serverNow,
    vehicleName,
    soundEveryS: prefs.soundEveryS,
    notify: prefs.notify,
    onNotificationClick: props.onOpenAlert,
  });
  const unread = countUnread(alerts, prefs.readAt);
  // "Today" is this browser's day; the board is asked for while the fences panel is open.
  const [midnight] = useState(() => new Date(serverNow()).setHours(0, 0, 0, 0));
  const occupancy = useQuery({
    ...historyQueries.occupancy(midnight),
    enabled: props.tab === "fences",
  });
  return (
    <SidePanel
      variant={props.variant}
      detail={props.detail}
      tab={props.tab}
      onTab={props.onTab}
      vehicles={props.vehicles}
      open={props.open}
      onOpen={props.onOpen}
      unread={unread}
      trips={props.trips.length}
      fences={props.fences.length}
      alertsToolbar={
        <AlertSettings
          unread={unread}
          onMarkRead={() => prefs.markRead(alerts[0]?.time ?? serverNow())}
          soundEveryS={prefs.soundEveryS}
          onSound={prefs.setSoundEveryS}
          notify={prefs.notify}
          onNotify={prefs.setNotify}
        />
      }
    >
      <p aria-live="polite" data-testid="alert-announcer" className="sr-only">
        {spoken}
      </p>
      <PanelBoundary name={t(PART[props.tab])} resetKey={props.tab}>
        {props.tab === "alerts" ? (
          <>
            {/* The e2e suite's forced render error (E2E_FAULTS=1 and ?fault=panel only). */}
            <FaultPoint name="panel" />
            <AlertsPanel
              items={items}
              filter={props.alertFilter}
              onFilter={props.onAlertFilter}
              openId={props.openAlertId}
              onOpen={props.onOpenAlert}
              me={user.email}
              canAct={roleAtLeast(user.role, "dispatcher")}
              now={now}
              readAt={prefs.readAt}
              units={props.units}
              escalateAfterMs={escalateAfterMs}
              vehicleName={vehicleName}
              onShowVehicle={props.onSelectVehicle}
              onShowFence={props.onFocusFence}
              onShowPlace={props.onShowPlace}
              onNearest={([lat, lng]) => props.onNearest({ kind: "point", lat, lng })}
            />
          </>
        ) : props.tab === "trips" ? (
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
      </PanelBoundary>
    </SidePanel>
  );
}
