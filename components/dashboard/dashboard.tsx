"use client";

import { useCallback, useEffect, type ReactNode } from "react";
import { useFeedConnection } from "@/lib/queries/feed-connection";
import { useFleetFeed } from "@/lib/queries/use-fleet-feed";
import { useUrlState } from "@/lib/queries/use-url-state";
import type { Theme } from "@/lib/queries/url-state";
import { roleAtLeast, type SessionUser } from "@/lib/fleet/access";
import { signInAgain } from "@/components/auth/sign-in-again";
import { useFleet } from "@/components/fleet/use-fleet";
import { DashboardFrame } from "./dashboard-frame";
import { DashboardHeader } from "./dashboard-header";
import { DashboardList, useShownVehicles } from "./dashboard-list";
import { DashboardPanel } from "./dashboard-panel";
import { DashboardStage } from "./dashboard-stage";
import { SinceLastLookDialog } from "./since-last-look";
import { useCameraRequests } from "./use-camera-requests";
import { useDashboardActions } from "./use-dashboard-actions";
import { useLayout } from "./use-layout";
import { usePanelState } from "./use-panel-state";
import { useTheme } from "./use-theme";

/** The dispatcher's screen: header, vehicle list, map, and the detail/alerts/trips column. */
export function Dashboard({
  tileUrl,
  accountBar,
  user,
  escalateAfterMs,
}: {
  tileUrl: string;
  accountBar: ReactNode;
  /** Who is signed in: what they may do with alerts, and which are theirs. */
  user: SessionUser;
  /** ALERT_ESCALATE_AFTER_S, in ms. */
  escalateAfterMs: number;
}) {
  useFleetFeed();
  const { denied } = useFeedConnection();
  useEffect(
    function leaveWhenRefused() {
      // Signed out elsewhere, or the account removed: the server refuses the fleet to this tab.
      if (denied) signInAgain();
    },
    [denied],
  );
  const [url, setUrl] = useUrlState();
  const setUrlTheme = useCallback((theme: Theme) => setUrl({ theme }), [setUrl]);
  const [theme, setTheme] = useTheme(url.theme, setUrlTheme);
  const fleet = useFleet();
  const { snapshot, all, byId, alerts } = fleet;
  const { shown, counts } = useShownVehicles(all, url);
  const selected = url.vehicleId ? byId.get(url.vehicleId) : undefined;

  const layout = useLayout();
  const panel = usePanelState(layout, url.panel, setUrl);
  const [camera, ask] = useCameraRequests();
  const act = useDashboardActions({ setUrl, ask, panel, byId, alerts });
  const openPosition = url.alertId
    ? alerts.find((alert) => alert.id === url.alertId)?.position
    : undefined;
  const canReplay = roleAtLeast(user.role, "dispatcher");
  const replay = url.replay;
  const liveName = useCallback((id: string) => byId.get(id)?.name, [byId]);

  const vehicleList = (
    <DashboardList
      url={url}
      setUrl={setUrl}
      shown={shown}
      counts={counts}
      loading={snapshot === undefined}
      selectedId={selected?.id}
      onSelect={
        replay ? (id: string) => act.setReplay({ ...replay, vehicleId: id }) : act.selectAndShow
      }
    />
  );

  return (
    <DashboardFrame
      layout={layout}
      header={
        <DashboardHeader
          compact={layout === "phone"}
          totals={fleet.totals}
          total={all.length}
          units={url.units}
          onUnits={(units) => setUrl({ units })}
          theme={theme}
          onTheme={setTheme}
          accountBar={accountBar}
          onReplay={canReplay && !replay ? () => act.openReplay(url.vehicleId) : undefined}
        />
      }
      list={layout === "desktop" ? vehicleList : null}
      map={
        <DashboardStage
          replay={replay}
          onReplay={act.setReplay}
          liveName={liveName}
          tileUrl={tileUrl}
          url={url}
          setUrl={setUrl}
          fleet={fleet}
          shown={shown}
          selected={selected}
          camera={camera}
          dark={theme === "dark"}
          alertPlace={openPosition}
          onSelect={act.selectOnMap}
          onSelectAndShow={act.selectAndShow}
          onFitAll={() => ask({ kind: "fit-all" })}
        />
      }
      panel={
        <DashboardPanel
          layout={layout}
          panel={panel}
          url={url}
          setUrl={setUrl}
          fleet={fleet}
          selected={selected}
          vehicleList={{ count: shown.length, content: vehicleList }}
          user={user}
          escalateAfterMs={escalateAfterMs}
          canReplay={canReplay}
          act={act}
          ask={ask}
        />
      }
    >
      <SinceLastLookDialog onShow={act.showOnMap} />
    </DashboardFrame>
  );
}
