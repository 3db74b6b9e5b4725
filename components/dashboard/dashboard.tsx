"use client";

import { useQuery } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import type { LiveVehicle } from "@/lib/fleet/live";
import type { Alert, LatLng } from "@/lib/fleet/types";
import { useFeedConnection } from "@/lib/queries/feed-connection";
import { fleetQueries } from "@/lib/queries/fleet";
import { useFleetFeed } from "@/lib/queries/use-fleet-feed";
import { useUrlState } from "@/lib/queries/use-url-state";
import type { ReplayUrlState, Theme } from "@/lib/queries/url-state";
import { roleAtLeast, type SessionUser } from "@/lib/fleet/access";
import { useT } from "@/lib/i18n/i18n-provider";
import { signInAgain } from "@/components/auth/sign-in-again";
import { VehicleDetail } from "@/components/fleet/vehicle-detail";
import { VehicleFilters } from "@/components/fleet/vehicle-filters";
import { VehicleList } from "@/components/fleet/vehicle-list";
import { countByStatus, createNameSorter, filterVehicles } from "@/components/fleet/vehicle-filter";
import type { CameraRequest } from "@/components/map/core/camera";
import { ReplayView } from "@/components/replay/replay-view";
import { PanelBoundary } from "@/components/ui/panel-boundary";
import { DashboardFrame } from "./dashboard-frame";
import { DashboardHeader } from "./dashboard-header";
import { DashboardMap } from "./dashboard-map";
import { DashboardSide } from "./dashboard-side";
import type { PanelTab } from "./side-panel";
import { SinceLastLookDialog } from "./since-last-look";
import { serverNow } from "./use-now";
import { useLayout } from "./use-layout";
import { useTheme } from "./use-theme";

const NO_VEHICLES: LiveVehicle[] = [];
const NO_ALERTS: Alert[] = [];

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
  const { data: snapshot } = useQuery({ ...fleetQueries.snapshot(), enabled: false });
  const { data: fenceList } = useQuery(fleetQueries.fences());
  const [sortByName] = useState(createNameSorter);

  const all = snapshot?.vehicles ?? NO_VEHICLES;
  const sorted = useMemo(() => sortByName(all), [sortByName, all]);
  const { statuses, query } = url;
  const shown = useMemo(
    () => filterVehicles(sorted, { statuses, query }),
    [sorted, statuses, query],
  );
  const counts = useMemo(() => countByStatus(all, query), [all, query]);
  const totals = useMemo(() => countByStatus(all), [all]);
  const byId = useMemo(() => new Map(all.map((v) => [v.id, v])), [all]);
  const selected = url.vehicleId ? byId.get(url.vehicleId) : undefined;
  const trips = snapshot?.trips ?? [];
  const fences = fenceList?.fences ?? snapshot?.fences ?? [];
  const alerts = snapshot?.alerts ?? NO_ALERTS;

  const t = useT("shell");
  const layout = useLayout();
  // Phone and tablet: which tab the panel shows (the list is one) and whether it is folded.
  const [listTab, setListTab] = useState(false);
  // …and whether the chosen vehicle's detail fills it (a tab shows the tab again).
  const [detailView, setDetailView] = useState(true);
  const [openChoice, setPanelOpen] = useState<boolean>();
  const panelOpen = openChoice ?? layout === "tablet";
  const tab: PanelTab = layout !== "desktop" && listTab ? "vehicles" : url.panel;
  const showTab = useCallback(
    (next: PanelTab) => {
      setListTab(next === "vehicles");
      setDetailView(false);
      if (next !== "vehicles") setUrl({ panel: next });
    },
    [setUrl],
  );

  const [camera, setCamera] = useState<CameraRequest>();
  const seq = useRef(0);
  const ask = useCallback((request: DistributiveOmit<CameraRequest, "seq">) => {
    seq.current += 1;
    setCamera({ ...request, seq: seq.current } as CameraRequest);
  }, []);
  const selectAndShow = useCallback(
    (id: string) => {
      setUrl({ vehicleId: id });
      setDetailView(true);
      ask({ kind: "vehicle", id });
    },
    [setUrl, ask],
  );
  const selectOnMap = useCallback(
    (id: string) => {
      setUrl({ vehicleId: id });
      // A tap on a phone or a tablet opens the panel on the vehicle's detail.
      setDetailView(true);
      setPanelOpen(true);
    },
    [setUrl],
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
    [setUrl, alerts, showPlace, focusFence],
  );
  const openPosition = url.alertId
    ? alerts.find((alert) => alert.id === url.alertId)?.position
    : undefined;
  const canReplay = roleAtLeast(user.role, "dispatcher");
  const replay = url.replay;
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
  const liveName = useCallback((id: string) => byId.get(id)?.name, [byId]);
  const showOnMap = useCallback(
    (line: { deviceId?: string; fenceId?: string }) => {
      setUrl({ replay: undefined });
      if (line.deviceId && byId.has(line.deviceId)) selectAndShow(line.deviceId);
      else if (line.fenceId) focusFence(line.fenceId);
    },
    [setUrl, byId, selectAndShow, focusFence],
  );

  const vehicleList = (
    <PanelBoundary name={t("partList")}>
      <VehicleFilters
        query={url.query}
        statuses={url.statuses}
        counts={counts}
        onQuery={(q) => setUrl({ query: q })}
        onStatuses={(s) => setUrl({ statuses: s })}
      />
      <VehicleList
        vehicles={shown}
        loading={snapshot === undefined}
        selectedId={selected?.id}
        units={url.units}
        onSelect={replay ? (id: string) => setReplay({ ...replay, vehicleId: id }) : selectAndShow}
      />
    </PanelBoundary>
  );

  return (
    <DashboardFrame
      layout={layout}
      header={
        <DashboardHeader
          compact={layout === "phone"}
          totals={totals}
          total={all.length}
          units={url.units}
          onUnits={(units) => setUrl({ units })}
          theme={theme}
          onTheme={setTheme}
          accountBar={accountBar}
          onReplay={canReplay && !replay ? () => openReplay(url.vehicleId) : undefined}
        />
      }
      list={layout === "desktop" ? vehicleList : null}
      map={
        replay ? (
          <PanelBoundary
            name={t("partReplay")}
            key={`${replay.vehicleId ?? "fleet"}:${replay.from}:${replay.to}`}
          >
            <ReplayView
              tileUrl={tileUrl}
              replay={replay}
              onReplay={setReplay}
              fences={fences}
              showFences={url.showFences}
              thresholds={snapshot?.thresholds}
              units={url.units}
              dark={theme === "dark"}
              liveName={liveName}
            />
          </PanelBoundary>
        ) : (
          <PanelBoundary name={t("partMap")}>
            <DashboardMap
              tileUrl={tileUrl}
              url={url}
              setUrl={setUrl}
              snapshot={snapshot}
              all={all}
              shown={shown}
              byId={byId}
              fences={fences}
              selected={selected}
              camera={camera}
              dark={theme === "dark"}
              alertPlace={openPosition}
              onSelect={selectOnMap}
              onSelectAndShow={selectAndShow}
              onFitAll={() => ask({ kind: "fit-all" })}
            />
          </PanelBoundary>
        )
      }
      panel={
        <DashboardSide
          variant={layout === "desktop" ? "column" : layout === "tablet" ? "side" : "sheet"}
          detail={
            selected && (layout === "desktop" || detailView) ? (
              <PanelBoundary name={t("partDetail")} resetKey={selected.id}>
                <VehicleDetail
                  vehicle={selected}
                  trip={trips.find((trip) => trip.deviceId === selected.id)}
                  units={url.units}
                  thresholds={snapshot?.thresholds}
                  follow={url.follow}
                  onFollow={(follow) => setUrl({ follow })}
                  onNearest={() => setUrl({ near: { kind: "vehicle", id: selected.id } })}
                  onCenter={() => ask({ kind: "vehicle", id: selected.id })}
                  onClose={() => setUrl({ vehicleId: undefined, follow: false })}
                  onReplay={canReplay ? () => openReplay(selected.id) : undefined}
                />
              </PanelBoundary>
            ) : null
          }
          tab={tab}
          onTab={showTab}
          vehicles={
            layout === "desktop" ? undefined : { count: shown.length, content: vehicleList }
          }
          open={panelOpen}
          onOpen={setPanelOpen}
          alerts={alerts}
          alertWork={snapshot?.alertWork}
          user={user}
          escalateAfterMs={escalateAfterMs}
          alertFilter={url.alertFilter}
          onAlertFilter={(alertFilter) => setUrl({ alertFilter })}
          openAlertId={url.alertId}
          onOpenAlert={openAlert}
          trips={trips}
          fences={fences}
          vehiclesById={byId}
          units={url.units}
          onSelectVehicle={selectAndShow}
          onFocusFence={focusFence}
          onShowPlace={showPlace}
          onNearest={(near) => setUrl({ near })}
          isAdmin={user.role === "admin"}
        />
      }
    >
      <SinceLastLookDialog onShow={showOnMap} />
    </DashboardFrame>
  );
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
