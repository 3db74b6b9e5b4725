"use client";

import { useSearchParams } from "next/navigation";
import { useCallback, useMemo, useState } from "react";
import {
  keepUnchanged,
  parseUrlState,
  serializeUrlState,
  type DashboardUrlState,
} from "./url-state";

/**
 * The dashboard's view state from the URL, and a setter that replaces the history entry (a
 * filter typed letter by letter must not fill the back button). Next.js keeps useSearchParams in
 * step with history.replaceState, without a round trip to the server.
 */
export function useUrlState(): [DashboardUrlState, (patch: Partial<DashboardUrlState>) => void] {
  const params = useSearchParams();
  const [settle] = useState(settler);
  // What this page last wrote, and what the router said then. The router hands the new query
  // back in a transition, which a busy page (a stream of deltas, hundreds of alerts) can hold for
  // seconds; until it says something new, the page shows what it wrote, so a click acts at once.
  const [written, setWritten] = useState<{ query: string; routed: string }>();
  const routed = params.toString();
  const search = written && written.routed === routed ? written.query : routed;
  const state = useMemo(() => settle(parseUrlState(new URLSearchParams(search))), [search, settle]);
  const update = useCallback(
    (patch: Partial<DashboardUrlState>) => {
      const current = parseUrlState(new URLSearchParams(window.location.search));
      const query = serializeUrlState({ ...current, ...patch });
      window.history.replaceState(null, "", query ? `?${query}` : window.location.pathname);
      setWritten({ query, routed });
    },
    [routed],
  );
  return [state, update];
}

/** Remembers the last state read, so lists that did not change keep their identity. */
function settler() {
  let last: DashboardUrlState | undefined;
  return (next: DashboardUrlState) => (last = keepUnchanged(last, next));
}
