"use client";

import { useFormat, useT } from "@/lib/i18n/i18n-provider";
import type { Messages } from "@/lib/i18n/messages";
import type { FeedState } from "@/lib/queries/feed-state";
import { useFeedStatus } from "./use-feed-status";

const LOOK: Record<
  FeedState,
  { label: keyof Messages["dashboard"]; className: string; dot: string }
> = {
  live: {
    label: "feedLive",
    className:
      "border-green-700/40 bg-green-50 text-green-900 dark:bg-green-950 dark:text-green-100",
    dot: "bg-green-600 motion-safe:animate-pulse",
  },
  delayed: {
    label: "feedDelayed",
    className:
      "border-amber-600/50 bg-amber-50 text-amber-950 dark:bg-amber-950 dark:text-amber-100",
    dot: "bg-amber-500",
  },
  offline: {
    label: "feedOffline",
    className: "border-red-700/50 bg-red-50 text-red-900 dark:bg-red-950 dark:text-red-100",
    dot: "bg-red-600",
  },
};

/** Always visible: how fresh the data is, and why when it is not live (see feedStatus). */
export function FeedIndicator() {
  const { status, connection } = useFeedStatus();
  const t = useT("dashboard");
  const format = useFormat();
  const look = LOOK[status.state];
  const age =
    status.dataAgeMs === undefined
      ? t("feedNoData")
      : t("feedDataAge", { age: format.age(status.dataAgeMs) });
  return (
    <div
      data-testid="feed-indicator"
      data-feed-state={status.state}
      className={`flex min-w-0 items-center gap-2 rounded-md border px-2.5 py-1 text-sm ${look.className}`}
    >
      <span aria-hidden="true" className={`size-2.5 shrink-0 rounded-full ${look.dot}`} />
      <span role="status" className="font-bold tracking-wide">
        {t(look.label)}
        {status.reason ? <span className="sr-only">: {status.reason}</span> : null}
      </span>
      <span className="whitespace-nowrap tabular-nums">{age}</span>
      {status.reason ? (
        <span aria-hidden="true" className="truncate" title={status.reason}>
          · {status.reason}
          {connection.mode === "polling" ? ` ${t("feedPolling")}` : ""}
        </span>
      ) : null}
    </div>
  );
}
