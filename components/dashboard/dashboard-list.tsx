"use client";

import { useMemo, useState } from "react";
import type { LiveVehicle } from "@/lib/fleet/live";
import type { DashboardUrlState } from "@/lib/queries/url-state";
import { useT } from "@/lib/i18n/i18n-provider";
import { VehicleFilters } from "@/components/fleet/vehicle-filters";
import { VehicleList } from "@/components/fleet/vehicle-list";
import {
  countByStatus,
  createNameSorter,
  filterVehicles,
  type StatusCounts,
} from "@/components/fleet/vehicle-filter";
import { PanelBoundary } from "@/components/ui/panel-boundary";

/**
 * The vehicles the URL's filters let through, by name, and how many of each status match the
 * search (the filter chips' counts). The list and the map both show these.
 */
export function useShownVehicles(
  all: readonly LiveVehicle[],
  { statuses, query }: Pick<DashboardUrlState, "statuses" | "query">,
): { shown: readonly LiveVehicle[]; counts: StatusCounts } {
  const [sortByName] = useState(createNameSorter);
  const sorted = useMemo(() => sortByName(all), [sortByName, all]);
  const shown = useMemo(
    () => filterVehicles(sorted, { statuses, query }),
    [sorted, statuses, query],
  );
  const counts = useMemo(() => countByStatus(all, query), [all, query]);
  return { shown, counts };
}

/** The vehicle list with its search and status filters, all kept in the URL. */
export function DashboardList(props: {
  url: DashboardUrlState;
  setUrl: (patch: Partial<DashboardUrlState>) => void;
  shown: readonly LiveVehicle[];
  counts: StatusCounts;
  loading: boolean;
  selectedId: string | undefined;
  onSelect: (id: string) => void;
}) {
  const { url, setUrl } = props;
  const t = useT("shell");
  return (
    <PanelBoundary name={t("partList")}>
      <VehicleFilters
        query={url.query}
        statuses={url.statuses}
        counts={props.counts}
        onQuery={(q) => setUrl({ query: q })}
        onStatuses={(s) => setUrl({ statuses: s })}
      />
      <VehicleList
        vehicles={props.shown}
        loading={props.loading}
        selectedId={props.selectedId}
        units={url.units}
        onSelect={props.onSelect}
      />
    </PanelBoundary>
  );
}
