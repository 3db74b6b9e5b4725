"use client";

import type { LiveVehicle } from "@/lib/fleet/live";
import type { FeedStatus } from "@/lib/queries/feed-state";
import type { Alert } from "@/lib/fleet/types";
import { alertLabel } from "@/components/alerts/alert-text";
import { useFormat, useT } from "@/lib/i18n/i18n-provider";

const BANNER = {
  delayed: { word: "bannerDelayed", className: "bg-amber-400 text-black" },
  offline: { word: "bannerOffline", className: "bg-red-700 text-white" },
} as const;
const ATTENTION = {
  critical: "attentionCritical",
  warning: "attentionWarning",
  info: "attentionInfo",
} as const;

/**
 * Across the top of the map when the data is not live, large enough to read across a room: the
 * state, how old the positions are, and why. Always present (with data-feed-state) for tests.
 */
export function StaleBanner({ status }: { status: FeedStatus }) {
  const look = status.state === "live" ? undefined : BANNER[status.state];
  const t = useT("wall");
  const format = useFormat();
  return (
    <div
      data-testid="wall-feed"
      data-feed-state={status.state}
      className="pointer-events-none absolute inset-x-0 top-0 z-[1000] flex justify-center p-4"
    >
      {look ? (
        <div
          role="alert"
          className={`flex max-w-full flex-wrap items-baseline justify-center gap-x-6 gap-y-1 rounded-xl px-8 py-3 shadow-2xl ${look.className}`}
        >
          <span className="text-5xl font-black tracking-wide">{t(look.word)}</span>
          <span className="text-3xl font-semibold tabular-nums">
            {status.dataAgeMs === undefined
              ? t("noPositionsYet")
              : t("positionsAge", { age: format.age(status.dataAgeMs) })}
          </span>
          {status.reason ? <span className="text-2xl">{status.reason}</span> : null}
        </div>
      ) : null}
    </div>
  );
}

/**
 * The alert the camera is showing, in large type, while it holds the camera. Bottom left in every
 * language, as the map does not mirror (the attribution and the tiles note are bottom right); its
 * accent stripe is on the side its text starts.
 */
export function AttentionCard(props: {
  alert: Alert;
  vehicle?: LiveVehicle;
  now: number;
  queued: number;
}) {
  const { alert, vehicle } = props;
  const tAlerts = useT("alerts");
  const critical = alert.severity === "critical";
  const t = useT("wall");
  const format = useFormat();
  return (
    <div
      data-testid="wall-attention"
      data-alert-id={alert.id}
      role="status"
      className={`absolute bottom-6 left-6 z-[1000] flex max-w-[60%] flex-col gap-1 rounded-xl border-s-[0.6rem] px-6 py-4 shadow-2xl ${
        critical
          ? "border-red-500 bg-red-950/95 text-white"
          : "border-amber-400 bg-slate-950/95 text-white"
      }`}
    >
      <span className="text-xl font-bold tracking-wide">
        <span className="uppercase">{t(ATTENTION[alert.severity])}</span> ·{" "}
        {format.relative(alert.time, props.now)}
      </span>
      <span className="text-4xl font-black">{alertLabel(alert, tAlerts)}</span>
      <span className="truncate text-2xl">
        {[vehicle?.name ?? alert.deviceId, alert.fenceName].filter(Boolean).join(" · ") ||
          alert.message}
      </span>
      {props.queued > 0 ? (
        <span className="text-lg text-slate-300">{t("queuedMore", { n: props.queued })}</span>
      ) : null}
    </div>
  );
}

/** Shown instead of the fleet when the server refuses this screen's session. */
export function DeniedNotice({ display }: { display: boolean }) {
  const t = useT("wall");
  return (
    <main
      data-testid="wall-denied"
      className="grid h-dvh place-items-center bg-black p-8 text-center text-white"
    >
      <div className="flex max-w-4xl flex-col gap-4">
        <h1 className="text-5xl font-black">{t("deniedTitle")}</h1>
        {display ? (
          <p className="text-2xl text-slate-300">{t("deniedDisplay")}</p>
        ) : (
          <p className="text-2xl text-slate-300">
            {t("deniedSessionEnded")}{" "}
            <a className="underline" href="/sign-in?callbackUrl=%2Fwall">
              {t("deniedSignIn")}
            </a>{" "}
            {t("deniedOrDisplayLink")}
          </p>
        )}
      </div>
    </main>
  );
}
