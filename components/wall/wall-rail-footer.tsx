"use client";

import { useT } from "@/lib/i18n/i18n-provider";
import type { ViewName } from "./director";
import type { WakeLockState } from "./use-unattended";
import { describeIgnored, type WallParams } from "./wall-params";

export type WallViewer = { kind: "display"; name: string } | { kind: "user"; email: string };

type WallT = ReturnType<typeof useT<"wall">>;

const WAKE_LOCK_TEXT = { on: "wakeOn", off: "wakeOff", unavailable: "wakeUnavailable" } as const;

function viewText(t: WallT, view: ViewName): string {
  if (view.kind === "fleet") return t("viewWholeFleet");
  if (view.kind === "fence") return view.name ?? t("viewFence", { id: view.id });
  return (
    view.name ?? t("viewPlace", { lat: view.center[0].toFixed(2), lng: view.center[1].toFixed(2) })
  );
}

/**
 * The foot of the wall's rail, for whoever looks after the screen: the view shown (and the
 * rotation), who the screen is signed in as, the wake lock, and any parameter it could not use.
 */
export function WallRailFooter(props: {
  viewName: ViewName;
  params: WallParams;
  viewer: WallViewer;
  wakeLock: WakeLockState;
}) {
  const { params, viewer } = props;
  const t = useT("wall");
  return (
    <footer className="flex shrink-0 flex-col gap-0.5 text-base text-slate-700 dark:text-slate-300">
      <span className="truncate">
        {viewText(t, props.viewName)}
        {params.views.length > 0 ? ` · ${t("rotationEvery", { n: params.rotateS })}` : ""}
      </span>
      <span className="truncate" data-testid="wall-viewer">
        {viewer.kind === "display"
          ? t("viewerDisplay", { name: viewer.name })
          : t("viewerUser", { email: viewer.email })}
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
  );
}
