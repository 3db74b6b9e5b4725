"use client";

import { useMemo, type CSSProperties } from "react";
import { useFeedStatus } from "@/components/dashboard/use-feed-status";
import { serverNow, useServerNow } from "@/components/dashboard/use-now";
import { useFleet } from "@/components/fleet/use-fleet";
import { FleetMap } from "@/components/map/core/fleet-map";
import { FaultPoint } from "@/components/ui/fault-point";
import { useT } from "@/lib/i18n/i18n-provider";
import { useBurnInOffset, useSymbolScale, type WakeLockState } from "./use-unattended";
import { useWallAlerts } from "./use-wall-alerts";
import { useWallDirector } from "./use-wall-director";
import { ongoingTrips } from "./wall-data";
import { AttentionCard, StaleBanner } from "./wall-overlays";
import type { WallParams } from "./wall-params";
import { OngoingTrips, OpenAlerts, StatusTiles } from "./wall-rail";
import { WallRailFooter, type WallViewer } from "./wall-rail-footer";
import { WallRailHeader } from "./wall-rail-header";

const noSelect = () => undefined;

/**
 * What the wall shows: the map, steered by the director, with the stale banner and the alert
 * holding the camera over it, and the rail beside it. Everything shifts a little now and then
 * against burn-in.
 */
export function WallScreen(props: {
  tileUrl: string;
  viewer: WallViewer;
  escalateAfterMs: number;
  params: WallParams;
  dark: boolean;
  wakeLock: WakeLockState;
}) {
  const { params } = props;
  const fleet = useFleet();
  const { snapshot, all, byId, fences } = fleet;
  const { status } = useFeedStatus();
  const now = useServerNow(5000);
  const offset = useBurnInOffset();
  const symbolScale = useSymbolScale();
  const t = useT("wall");
  const { rail, badges } = useWallAlerts(fleet, {
    escalateAfterMs: props.escalateAfterMs,
    soundEveryS: params.soundEveryS,
    now,
  });
  const trips = useMemo(() => ongoingTrips(fleet.trips), [fleet.trips]);
  const directed = useWallDirector(params, fences, snapshot?.alerts);
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
          alerts={badges}
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
          <WallRailHeader status={status} now={now} />
          <StatusTiles counts={fleet.totals} total={all.length} />
          <OpenAlerts
            items={rail.open}
            unacknowledged={rail.unacknowledged}
            vehiclesById={byId}
            now={now}
          />
          <OngoingTrips trips={trips} vehiclesById={byId} units={params.units} now={now} />
          <WallRailFooter
            viewName={directed.viewName}
            params={params}
            viewer={props.viewer}
            wakeLock={props.wakeLock}
          />
        </div>
      </aside>
    </div>
  );
}
