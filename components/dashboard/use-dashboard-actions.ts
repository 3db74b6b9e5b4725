"use client";

import { useCallback } from "react";
import type { LiveVehicle } from "@/lib/fleet/live";
import type { Alert, LatLng } from "@/lib/fleet/types";
import type { DashboardUrlState, ReplayUrlState } from "@/lib/queries/url-state";
import type { CameraAsk } from "./use-camera-requests";
import type { PanelState } from "./use-panel-state";
import { serverNow } from "./use-now";

export type DashboardActions = ReturnType<typeof useDashboardActions>;

/**
 * What the dashboard's parts ask of it: choose a vehicle, show a fence or a place, open an
 * alert, start or leave a replay. Each writes the URL, moves the camera and sets the panel.
 */
export function useDashboardActions(deps: {
  setUrl: (patch: Partial<DashboardUrlState>) => void;
  ask: (request: CameraAsk) => void;
  panel: PanelState;
  byId: ReadonlyMap<string, LiveVehicle>;
  alerts: readonly Alert[];
}) {
  const { setUrl, ask, byId, alerts } = deps;
  const { setListTab, setDetailView, setPanelOpen } = deps.panel;
  const selectAndShow = useCallback(
    (id: string) => {
      setUrl({ vehicleId: id });
      setDetailView(true);
      ask({ kind: "vehicle", id });
    },
    [setUrl, ask, setDetailView],
  );
  const selectOnMap = useCallback(
    (id: string) => {
      setUrl({ vehicleId: id });
      // A tap on a phone or a tablet opens the panel on the vehicle's detail.
      setDetailView(true);
      setPanelOpen(true);
    },
    [setUrl, setDetailView, setPanelOpen],
  );
  const focusFence = useCallback((id: string) => ask({ kind: "fence", id }), [ask]);
  const showPlace = useCallback(
    ([lat, lng]: LatLng) => ask({ kind: "view", center: [lat, lng], zoom: 15 }),
    [ask],
  );
  const openAlert = useCallback(
    (id: string | undefined) => {
      setUrl({ alertId: id, panel: "alerts" });
      setListTab(false);
      setDetailView(false);
      const alert = id === undefined ? undefined : alerts.find((item) => item.id === id);
      // The map shows where the vehicle was when it fired (or the fence, without a position).
      if (alert?.position) showPlace(alert.position);
      else if (alert?.fenceId) focusFence(alert.fenceId);
    },
    [setUrl, alerts, showPlace, focusFence, setListTab, setDetailView],
  );
  const setReplay = useCallback(
    (next: ReplayUrlState | undefined) => setUrl({ replay: next }),
    [setUrl],
  );
  const openReplay = useCallback(
    (vehicleId: string | undefined) => {
      const now = Math.floor(serverNow());
      const from = now - 3_600_000;
      setUrl({
        replay: { ...(vehicleId ? { vehicleId } : {}), from, to: now, t: from, speed: 10 },
      });
    },
    [setUrl],
  );
  const showOnMap = useCallback(
    (line: { deviceId?: string; fenceId?: string }) => {
      setUrl({ replay: undefined });
      if (line.deviceId && byId.has(line.deviceId)) selectAndShow(line.deviceId);
      else if (line.fenceId) focusFence(line.fenceId);
    },
    [setUrl, byId, selectAndShow, focusFence],
  );
  return {
    selectAndShow,
    selectOnMap,
    focusFence,
    showPlace,
    openAlert,
    setReplay,
    openReplay,
    showOnMap,
  };
}
