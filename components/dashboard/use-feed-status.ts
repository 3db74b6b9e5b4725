"use client";

import { useT } from "@/lib/i18n/i18n-provider";
import { useFeedConnection, type FeedConnection } from "@/lib/queries/feed-connection";
import { feedStatus, type FeedStatus } from "@/lib/queries/feed-state";
import { useFleetSnapshot } from "@/lib/queries/use-fleet-snapshot";
import { useNow } from "./use-now";

/** How fresh this tab's data is now (see feedStatus), re-judged every second; why, in words. */
export function useFeedStatus(): { status: FeedStatus; connection: FeedConnection } {
  const snapshot = useFleetSnapshot();
  const connection = useFeedConnection();
  const now = useNow(1000);
  const t = useT("dashboard");
  const status = feedStatus(
    {
      now,
      clockOffsetMs: connection.clockOffsetMs,
      reachable: connection.reachable,
      unreachableSince: connection.unreachableSince,
      snapshot: snapshot && {
        stale: snapshot.stale,
        staleReason: snapshot.staleReason,
        positionsAt: snapshot.positionsAt,
        positionsIntervalMs: snapshot.feeds.positions?.intervalMs,
      },
    },
    t,
  );
  return { status, connection };
}
