"use client";

import { useCallback, useState } from "react";
import type { DashboardUrlState } from "@/lib/queries/url-state";
import type { PanelTab } from "./side-panel";
import type { Layout } from "./use-layout";

export type PanelState = ReturnType<typeof usePanelState>;

/**
 * The side panel on a phone or a tablet, where the vehicle list is one of its tabs: which tab it
 * shows, whether the chosen vehicle's detail fills it, and whether it is folded. On a desktop
 * the list has its own column and the tab is the URL's panel.
 */
export function usePanelState(
  layout: Layout,
  urlPanel: DashboardUrlState["panel"],
  setUrl: (patch: Partial<DashboardUrlState>) => void,
) {
  const [listTab, setListTab] = useState(false);
  // …and whether the chosen vehicle's detail fills it (a tab shows the tab again).
  const [detailView, setDetailView] = useState(true);
  const [openChoice, setPanelOpen] = useState<boolean>();
  const panelOpen = openChoice ?? layout === "tablet";
  const tab: PanelTab = layout !== "desktop" && listTab ? "vehicles" : urlPanel;
  const showTab = useCallback(
    (next: PanelTab) => {
      setListTab(next === "vehicles");
      setDetailView(false);
      if (next !== "vehicles") setUrl({ panel: next });
    },
    [setUrl],
  );
  return { tab, showTab, setListTab, detailView, setDetailView, panelOpen, setPanelOpen };
}
