"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { useEffect, useMemo } from "react";
import { useFeedConnection } from "@/lib/queries/feed-connection";
import { fleetQueries } from "@/lib/queries/fleet";
import { useFleetFeed } from "@/lib/queries/use-fleet-feed";
import { useSelfReload, useWakeLock } from "./use-unattended";
import { DeniedNotice } from "./wall-overlays";
import { parseWallParams } from "./wall-params";
import type { WallViewer } from "./wall-rail-footer";
import { WallScreen } from "./wall-screen";

export type { WallViewer };

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
