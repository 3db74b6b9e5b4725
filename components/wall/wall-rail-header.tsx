"use client";

import { useMemo } from "react";
import type { FeedState, FeedStatus } from "@/lib/queries/feed-state";
import { useFormat, useLocale, useT } from "@/lib/i18n/i18n-provider";
import { INTL_TAG } from "@/lib/i18n/locales";

const STATE_LOOK: Record<FeedState, string> = {
  live: "bg-green-700 text-white",
  delayed: "bg-amber-400 text-black",
  offline: "bg-red-700 text-white",
};
const STATE_TEXT = { live: "stateLive", delayed: "stateDelayed", offline: "stateOffline" } as const;

/** The top of the wall's rail: the name, the time, and how fresh the positions are. */
export function WallRailHeader({ status, now }: { status: FeedStatus; now: number }) {
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
  return (
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
  );
}
