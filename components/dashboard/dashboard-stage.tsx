"use client";

import type { ComponentProps } from "react";
import type { ReplayUrlState } from "@/lib/queries/url-state";
import { useT } from "@/lib/i18n/i18n-provider";
import { ReplayView } from "@/components/replay/replay-view";
import { PanelBoundary } from "@/components/ui/panel-boundary";
import { DashboardMap } from "./dashboard-map";

/**
 * The dashboard's middle: the live map, or, while a replay is open, the replay in its place.
 * A new replay (another vehicle or period) starts with a fresh boundary.
 */
export function DashboardStage(
  props: ComponentProps<typeof DashboardMap> & {
    replay: ReplayUrlState | undefined;
    onReplay: (next: ReplayUrlState | undefined) => void;
    liveName: (id: string) => string | undefined;
  },
) {
  const { replay, onReplay, liveName, ...map } = props;
  const t = useT("shell");
  if (!replay) {
    return (
      <PanelBoundary name={t("partMap")}>
        <DashboardMap {...map} />
      </PanelBoundary>
    );
  }
  return (
    <PanelBoundary
      name={t("partReplay")}
      key={`${replay.vehicleId ?? "fleet"}:${replay.from}:${replay.to}`}
    >
      <ReplayView
        tileUrl={map.tileUrl}
        replay={replay}
        onReplay={onReplay}
        fences={map.fleet.fences}
        showFences={map.url.showFences}
        thresholds={map.fleet.snapshot?.thresholds}
        units={map.url.units}
        dark={map.dark}
        liveName={liveName}
      />
    </PanelBoundary>
  );
}
