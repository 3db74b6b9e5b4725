"use client";

import { useSyncExternalStore } from "react";

/**
 * Which of the dashboard's three layouts fits this window: a phone (≤ 640 px: map full screen,
 * panels in a bottom sheet), a tablet (641–1279 px: map and one collapsible side panel) or a
 * desktop (today's three columns). The server renders the desktop; the browser corrects it on
 * hydration.
 */
export type Layout = "phone" | "tablet" | "desktop";

const PHONE = "(max-width: 640px)";
const TABLET = "(min-width: 641px) and (max-width: 1279px)";

function subscribe(onChange: () => void) {
  const queries = [PHONE, TABLET].map((query) => window.matchMedia(query));
  for (const query of queries) query.addEventListener("change", onChange);
  return function unsubscribe() {
    for (const query of queries) query.removeEventListener("change", onChange);
  };
}

function current(): Layout {
  if (window.matchMedia(PHONE).matches) return "phone";
  if (window.matchMedia(TABLET).matches) return "tablet";
  return "desktop";
}

export function useLayout(): Layout {
  return useSyncExternalStore(subscribe, current, () => "desktop");
}
