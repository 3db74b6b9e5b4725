"use client";

import { useEffect, useState, useSyncExternalStore } from "react";
import type { Alert, Fence } from "@/lib/fleet/types";
import { serverNow } from "@/components/dashboard/use-now";
import { WallDirector, type DirectorState } from "./director";
import type { WallParams } from "./wall-params";

/**
 * The wall's director (see director.ts), made once from the screen's parameters and kept told
 * of the fences' names and of the alert log: where the camera looks and which alert holds it.
 */
export function useWallDirector(
  params: WallParams,
  fences: readonly Fence[],
  alertLog: readonly Alert[] | undefined,
): DirectorState {
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
  useEffect(
    function tellDirectorOfAlerts() {
      if (alertLog) director.observe(alertLog, serverNow());
    },
    [director, alertLog],
  );
  return useSyncExternalStore(director.subscribe, director.get, director.get);
}
