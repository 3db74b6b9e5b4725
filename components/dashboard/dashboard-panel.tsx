"use client";

import type { ReactNode } from "react";
import type { LiveVehicle } from "@/lib/fleet/live";
import type { SessionUser } from "@/lib/fleet/access";
import type { DashboardUrlState } from "@/lib/queries/url-state";
import { useT } from "@/lib/i18n/i18n-provider";
import type { Fleet } from "@/components/fleet/use-fleet";
import { VehicleDetail } from "@/components/fleet/vehicle-detail";
import { PanelBoundary } from "@/components/ui/panel-boundary";
import { DashboardSide } from "./dashboard-side";
import type { DashboardActions } from "./use-dashboard-actions";
import type { CameraAsk } from "./use-camera-requests";
import type { Layout } from "./use-layout";
import type { PanelState } from "./use-panel-state";

/**
 * The dashboard's side: the selected vehicle's detail over the alerts, trips or fences (and on a
 * phone or a tablet the vehicle list as one more tab), wired to the URL and the dashboard's
 * actions.
 */
export function DashboardPanel(props: {
  layout: Layout;
  panel: PanelState;
  url: DashboardUrlState;
  setUrl: (patch: Partial<DashboardUrlState>) => void;
  fleet: Fleet;
  selected: LiveVehicle | undefined;
  /** The vehicle list, for the tab it has on a phone or a tablet, and how many it lists. */
  vehicleList: { count: number; content: ReactNode };
  user: SessionUser;
  escalateAfterMs: number;
  canReplay: boolean;
  act: DashboardActions;
  ask: (request: CameraAsk) => void;
}) {
  const { layout, panel, url, setUrl, fleet, selected, act } = props;
  const t = useT("shell");
  return (
    <DashboardSide
      variant={layout === "desktop" ? "column" : layout === "tablet" ? "side" : "sheet"}
      detail={
        selected && (layout === "desktop" || panel.detailView) ? (
          <PanelBoundary name={t("partDetail")} resetKey={selected.id}>
            <VehicleDetail
              vehicle={selected}
              trip={fleet.trips.find((trip) => trip.deviceId === selected.id)}
              units={url.units}
              thresholds={fleet.snapshot?.thresholds}
              follow={url.follow}
              onFollow={(follow) => setUrl({ follow })}
              onNearest={() => setUrl({ near: { kind: "vehicle", id: selected.id } })}
              onCenter={() => props.ask({ kind: "vehicle", id: selected.id })}
              onClose={() => setUrl({ vehicleId: undefined, follow: false })}
              onReplay={props.canReplay ? () => act.openReplay(selected.id) : undefined}
            />
          </PanelBoundary>
        ) : null
      }
      tab={panel.tab}
      onTab={panel.showTab}
      vehicles={layout === "desktop" ? undefined : props.vehicleList}
      open={panel.panelOpen}
      onOpen={panel.setPanelOpen}
      alerts={fleet.alerts}
      alertWork={fleet.snapshot?.alertWork}
      user={props.user}
      escalateAfterMs={props.escalateAfterMs}
      alertFilter={url.alertFilter}
      onAlertFilter={(alertFilter) => setUrl({ alertFilter })}
      openAlertId={url.alertId}
      onOpenAlert={act.openAlert}
      trips={fleet.trips}
      fences={fleet.fences}
      vehiclesById={fleet.byId}
      units={url.units}
      onSelectVehicle={act.selectAndShow}
      onFocusFence={act.focusFence}
      onShowPlace={act.showPlace}
      onNearest={(near) => setUrl({ near })}
      isAdmin={props.user.role === "admin"}
    />
  );
}
