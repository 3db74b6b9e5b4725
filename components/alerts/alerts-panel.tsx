"use client";

import { useMemo, useState } from "react";
import {
  countAlertStates,
  filterAlertItems,
  type AlertFilter,
  type AlertItem,
} from "@/lib/fleet/alert-work";
import type { LatLng } from "@/lib/fleet/types";
import type { SpeedUnits } from "@/lib/queries/url-state";
import { useT } from "@/lib/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { AlertBulkBar } from "./alert-bulk-bar";
import { AlertDetail } from "./alert-detail";
import { AlertFilters } from "./alert-filters";
import { AlertList } from "./alert-list";

/**
 * The alerts panel: filters with counts, the list (with bulk acknowledge for those who may act)
 * or, once one is opened, that alert's detail.
 */
export function AlertsPanel(props: {
  items: readonly AlertItem[];
  filter: AlertFilter;
  onFilter: (filter: AlertFilter) => void;
  openId: string | undefined;
  onOpen: (id: string | undefined) => void;
  me: string;
  canAct: boolean;
  now: number;
  readAt: number;
  units: SpeedUnits;
  escalateAfterMs: number;
  vehicleName: (id: string | undefined) => string | undefined;
  onShowVehicle: (id: string) => void;
  onShowFence: (id: string) => void;
  onShowPlace: (position: LatLng) => void;
  onNearest: (position: LatLng) => void;
}) {
  const { items, filter, me } = props;
  const t = useT("alerts");
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const shown = useMemo(() => filterAlertItems(items, filter, me), [items, filter, me]);
  const counts = useMemo(() => countAlertStates(items, filter, me), [items, filter, me]);
  const shownIds = useMemo(() => shown.map((item) => item.alert.id), [shown]);
  const selectedShown = shownIds.filter((id) => selected.has(id));

  if (props.openId !== undefined) {
    const item = items.find((candidate) => candidate.alert.id === props.openId);
    if (!item) {
      return (
        <div className="flex flex-col items-start gap-2 p-3 text-sm">
          <p>{t("gone")}</p>
          <Button onClick={() => props.onOpen(undefined)}>{t("backToList")}</Button>
        </div>
      );
    }
    const { alert } = item;
    const vehicle = alert.deviceId;
    return (
      <AlertDetail
        item={item}
        me={me}
        canAct={props.canAct}
        now={props.now}
        units={props.units}
        escalateAfterMs={props.escalateAfterMs}
        vehicleName={props.vehicleName(vehicle)}
        onBack={() => props.onOpen(undefined)}
        onShowVehicle={
          vehicle && props.vehicleName(vehicle) ? () => props.onShowVehicle(vehicle) : undefined
        }
        onShowFence={alert.fenceId ? () => props.onShowFence(alert.fenceId!) : undefined}
        onShowPlace={alert.position ? () => props.onShowPlace(alert.position!) : undefined}
      />
    );
  }

  return (
    <>
      <AlertFilters
        filter={filter}
        counts={counts}
        items={items}
        canAct={props.canAct}
        vehicleName={props.vehicleName}
        onFilter={props.onFilter}
      />
      {props.canAct && shown.length > 0 ? (
        <AlertBulkBar
          shownIds={shownIds.slice(0, 150)}
          selected={selectedShown}
          onSelect={(ids) => setSelected(new Set(ids))}
        />
      ) : null}
      {shown.length === 0 ? (
        <p className="p-3 text-sm text-slate-600 dark:text-slate-300">
          {items.length === 0 ? t("emptyDay") : t("emptyFiltered")}
        </p>
      ) : (
        <AlertList
          items={shown}
          me={me}
          now={props.now}
          readAt={props.readAt}
          vehicleName={props.vehicleName}
          selection={
            props.canAct
              ? {
                  ids: selected,
                  toggle: (id) =>
                    setSelected((current) => {
                      const next = new Set(current);
                      if (!next.delete(id)) next.add(id);
                      return next;
                    }),
                }
              : undefined
          }
          onOpen={(id) => props.onOpen(id)}
          onNearest={props.onNearest}
        />
      )}
    </>
  );
}
