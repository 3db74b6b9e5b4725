"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { useEffect, useMemo, useState, useSyncExternalStore, type CSSProperties } from "react";
import { alertItems, unresolvedAlerts, workById } from "@/lib/fleet/alert-work";
import { openAlertLevels } from "@/lib/fleet/alerts";
import type { LiveVehicle } from "@/lib/fleet/live";
import { useFeedConnection } from "@/lib/queries/feed-connection";
import type { FeedState } from "@/lib/queries/feed-state";
import { fleetQueries } from "@/lib/queries/fleet";
import { useFleetFeed } from "@/lib/queries/use-fleet-feed";
import { useFeedStatus } from "@/components/dashboard/use-feed-status";
import { serverNow, useServerNow } from "@/components/dashboard/use-now";
import { countByStatus } from "@/components/fleet/vehicle-filter";
import { FleetMap } from "@/components/map/core/fleet-map";
import { FaultPoint } from "@/components/ui/fault-point";
import { useFormat, useLocale, useT } from "@/lib/i18n/i18n-provider";
import { INTL_TAG } from "@/lib/i18n/locales";
import { WallDirector, type ViewName } from "./director";
import {
  useBurnInOffset,
  useSelfReload,
  useSymbolScale,
  useWakeLock,
  type WakeLockState,
} from "./use-unattended";
import { useAlertAttention } from "@/components/alerts/use-alert-attention";
import { ongoingTrips, wallAlerts } from "./wall-data";
import { AttentionCard, DeniedNotice, StaleBanner } from "./wall-overlays";
import { describeIgnored, parseWallParams } from "./wall-params";
import { OngoingTrips, OpenAlerts, StatusTiles } from "./wall-rail";

export type WallViewer = { kind: "display"; name: string } | { kind: "user"; email: string };

const NO_VEHICLES: LiveVehicle[] = [];
const noSelect = () => undefined;
const STATE_LOOK: Record<FeedState, string> = {
  live: "bg-green-700 text-white",
  delayed: "bg-amber-400 text-black",
  offline: "bg-red-700 text-white",
};
const WAKE_LOCK_TEXT = { on: "wakeOn", off: "wakeOff", unavailable: "wakeUnavailable" } as const;
const STATE_TEXT = { live: "stateLive", delayed: "stateDelayed", offline: "stateOffline" } as const;
type WallT = ReturnType<typeof useT<"wall">>;

function viewText(t: WallT, view: ViewName): string {
  if (view.kind === "fleet") return t("viewWholeFleet");
  if (view.kind === "fence") return view.name ?? t("viewFence", { id: view.id });
  return (
    view.name ?? t("viewPlace", { lat: view.center[0].toFixed(2), lng: view.center[1].toFixed(2) })
  );
}

/**
 * The wall screen: the fleet on a full-screen map and a rail of counts, open alerts and trips,
 * readable across a room and left alone for weeks (see docs/wall.md).
 */
export function Wall(props: {
  tileUrl: string;
  buildId: string;
  viewer: WallViewer;
  /** ALERT_ESCALATE_AFTER_S, in ms. */
  escalateAfterMs: number;
}) {
  useFleetFeed();
  const search = useSearchParams();
  const params = useMemo(() => parseWallParams(new URLSearchParams(search.toString())), [search]);
  const connection = useFeedConnection();
  const client = useQueryClient();
  const dark = params.theme === "dark";

  useEffect(
    function applyTheme() {
      document.documentElement.classList.toggle("dark", dark);
      document.documentElement.style.colorScheme = dark ? "dark" : "light";
    },
    [dark],
  );
  useEffect(
    function forgetDataWhenRefused() {
      // A revoked screen must not keep showing the fleet it may no longer see.
      if (connection.denied) client.removeQueries({ queryKey: fleetQueries.all() });
    },
    [connection.denied, client],
  );
  useSelfReload(props.buildId, params.maxHeapMb);
  const wakeLock = useWakeLock();

  if (connection.denied) return <DeniedNotice display={props.viewer.kind === "display"} />;
  return <WallScreen {...props} params={params} dark={dark} wakeLock={wakeLock} />;
}

function WallScreen(props: {
  tileUrl: string;
  viewer: WallViewer;
  escalateAfterMs: number;
  params: ReturnType<typeof parseWallParams>;
  dark: boolean;
  wakeLock: WakeLockState;
}) {
  const { params } = props;
  const { data: snapshot } = useQuery({ ...fleetQueries.snapshot(), enabled: false });
  const { data: fenceList } = useQuery(fleetQueries.fences());
  const { status } = useFeedStatus();
  const now = useServerNow(5000);
  const offset = useBurnInOffset();
  const symbolScale = useSymbolScale();
  const t = useT("wall");
  const format = useFormat();
  const locale = useLocale();
  const clock = useMemo(
    () =>
      new Intl.DateTimeFormat(INTL_TAG[locale], {
        hour: "2-digit",
        minute: "2-digit",
        hourCycle: "h23",
      }),
    [locale],
  );

  const all = snapshot?.vehicles ?? NO_VEHICLES;
  const fences = useMemo(
    () => fenceList?.fences ?? snapshot?.fences ?? [],
    [fenceList, snapshot?.fences],
  );
  const byId = useMemo(() => new Map(all.map((v) => [v.id, v])), [all]);
  const totals = useMemo(() => countByStatus(all), [all]);
  const work = useMemo(() => workById(snapshot?.alertWork), [snapshot?.alertWork]);
  const items = useMemo(
    () => alertItems(snapshot?.alerts ?? [], work, props.escalateAfterMs, now),
    [snapshot?.alerts, work, props.escalateAfterMs, now],
  );
  const alerts = useMemo(() => wallAlerts(items, now), [items, now]);
  useAlertAttention({
    items,
    serverNow,
    vehicleName: (id) => (id === undefined ? undefined : byId.get(id)?.name),
    soundEveryS: params.soundEveryS,
  });
  // The clusters' badges, looked at again every minute (each change rebuilds the clusters);
  // a resolved alert needs nobody and badges nothing.
  const minute = Math.floor(now / 60_000) * 60_000;
  const alertLevels = useMemo(
    () => openAlertLevels(unresolvedAlerts(snapshot?.alerts ?? [], work), minute),
    [snapshot?.alerts, work, minute],
  );
  const trips = useMemo(() => ongoingTrips(snapshot?.trips ?? []), [snapshot?.trips]);

  const [director] = useState(
    () => new WallDirector({ views: params.views, rotateS: params.rotateS, focusS: params.focusS }),
  );
  useEffect(
    function nameFenceViews() {
      director.setFenceNames(new Map(fences.map((f) => [f.id, f.name])));
    },
    [director, fences],
  );
  useEffect(
    function runDirector() {
      director.start();
      return () => director.stop();
    },
    [director],
  );
  const alertLog = snapshot?.alerts;
  useEffect(
    function tellDirectorOfAlerts() {
      if (alertLog) director.observe(alertLog, serverNow());
    },
    [director, alertLog],
  );
  const directed = useSyncExternalStore(director.subscribe, director.get, director.get);
  const focused = directed.attention?.deviceId ? byId.get(directed.attention.deviceId) : undefined;

  const shift: CSSProperties = { transform: `translate(${offset.x}rem, ${offset.y}rem)` };
  return (
    <div
      className="wall-screen grid h-dvh grid-cols-[minmax(0,1fr)_24rem] overflow-hidden bg-white text-slate-950 dark:bg-black dark:text-white"
      style={{ "--wall-symbol-scale": symbolScale } as CSSProperties}
    >
      <main className="relative min-h-0 min-w-0">
        {/* The e2e suite's forced render error (E2E_FAULTS=1 and ?fault=wall only). */}
        <FaultPoint name="wall" />
        <FleetMap
          tileUrl={props.tileUrl}
          allVehicles={all}
          vehicles={all}
          fences={fences}
          showFences={params.showFences}
          selected={focused}
          trail={false}
          follow={false}
          camera={directed.camera}
          dark={props.dark}
          symbolScale={symbolScale}
          serverNow={serverNow}
          thresholds={snapshot?.thresholds}
          alerts={alertLevels}
          onSelect={noSelect}
        />
        {/* Spans the map (a transform makes this the box its overlays are placed in). */}
        <div style={shift} className="pointer-events-none absolute inset-0 z-[1000]">
          <StaleBanner status={status} />
          {directed.attention ? (
            <AttentionCard
              alert={directed.attention}
              vehicle={focused}
              now={now}
              queued={directed.queued}
            />
          ) : null}
        </div>
      </main>
      <aside
        aria-label={t("railLabel")}
        className="flex min-h-0 flex-col gap-5 overflow-hidden border-s border-slate-300 bg-slate-50 p-5 dark:border-slate-700 dark:bg-slate-950"
      >
        <div style={shift} className="flex min-h-0 flex-1 flex-col gap-4">
          <header className="flex shrink-0 flex-col gap-1">
            <div className="flex items-baseline justify-between gap-3">
              <h1 className="text-2xl font-black tracking-tight whitespace-nowrap">Fleet Live</h1>
              <time className="text-3xl font-bold tabular-nums" suppressHydrationWarning>
                {clock.format(now)}
              </time>
            </div>
            <div className="flex items-center gap-3 text-lg">
              <span
                data-testid="wall-state"
                data-feed-state={status.state}
                className={`rounded-md px-2 font-bold ${STATE_LOOK[status.state]}`}
              >
                {t(STATE_TEXT[status.state])}
              </span>
              <span className="truncate text-slate-700 tabular-nums dark:text-slate-300">
                {status.dataAgeMs === undefined
                  ? t("waitingForPositions")
                  : t("positionsAge", { age: format.age(status.dataAgeMs) })}
              </span>
            </div>
          </header>
          <StatusTiles counts={totals} total={all.length} />
          <OpenAlerts
            items={alerts.open}
            unacknowledged={alerts.unacknowledged}
            vehiclesById={byId}
            now={now}
          />
          <OngoingTrips trips={trips} vehiclesById={byId} units={params.units} now={now} />
          <footer className="flex shrink-0 flex-col gap-0.5 text-base text-slate-700 dark:text-slate-300">
            <span className="truncate">
              {viewText(t, directed.viewName)}
              {params.views.length > 0 ? ` · ${t("rotationEvery", { n: params.rotateS })}` : ""}
            </span>
            <span className="truncate" data-testid="wall-viewer">
              {props.viewer.kind === "display"
                ? t("viewerDisplay", { name: props.viewer.name })
                : t("viewerUser", { email: props.viewer.email })}
            </span>
            <span className="truncate">{t(WAKE_LOCK_TEXT[props.wakeLock])}</span>
            {params.ignored.length > 0 ? (
              <span className="truncate text-amber-800 dark:text-amber-300">
                {t("ignored", {
                  list: params.ignored.map((entry) => describeIgnored(entry, t)).join("; "),
                })}
              </span>
            ) : null}
          </footer>
        </div>
      </aside>
    </div>
  );
}
