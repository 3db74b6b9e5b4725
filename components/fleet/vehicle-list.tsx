"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import type { LiveVehicle } from "@/lib/fleet/live";
import { useFormat, useT } from "@/lib/i18n/i18n-provider";
import type { SpeedUnits } from "@/lib/queries/url-state";
import { StatusBadge } from "./status-badge";

const ROW_PX = 56;

/**
 * The vehicles passing the filters, virtualised (only the rows in view exist in the DOM). A
 * listbox: Tab focuses it, arrow keys, Home, End and Page keys move, Enter or Space selects.
 * When the selection changes elsewhere (a map click), the list scrolls to the vehicle.
 */
export function VehicleList(props: {
  vehicles: readonly LiveVehicle[];
  /** No fleet yet (the first snapshot is on its way): say so rather than "no vehicle matches". */
  loading?: boolean;
  selectedId?: string;
  units: SpeedUnits;
  onSelect: (id: string) => void;
}) {
  const { vehicles, selectedId, onSelect } = props;
  const t = useT("fleet");
  const format = useFormat();
  const scroller = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  // eslint-disable-next-line react-hooks/incompatible-library -- nothing here is memoised by the compiler; the virtualizer re-renders this component itself.
  const virtualizer = useVirtualizer({
    count: vehicles.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_PX,
    overscan: 8,
    getItemKey: (index) => vehicles[index]?.id ?? index,
  });
  const selectedIndex = selectedId ? vehicles.findIndex((v) => v.id === selectedId) : -1;

  useEffect(
    function scrollToSelectedVehicle() {
      if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: "auto" });
    },
    [selectedIndex, virtualizer],
  );

  const activeIndex = Math.min(active, Math.max(0, vehicles.length - 1));
  const move = (index: number) => {
    const next = Math.max(0, Math.min(vehicles.length - 1, index));
    setActive(next);
    virtualizer.scrollToIndex(next, { align: "auto" });
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? ROW_PX) / ROW_PX) - 1);
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(activeIndex + 1),
      ArrowUp: () => move(activeIndex - 1),
      PageDown: () => move(activeIndex + page),
      PageUp: () => move(activeIndex - page),
      Home: () => move(0),
      End: () => move(vehicles.length - 1),
      Enter: () => vehicles[activeIndex] && onSelect(vehicles[activeIndex].id),
      " ": () => vehicles[activeIndex] && onSelect(vehicles[activeIndex].id),
    };
    const action = keys[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  };

  if (vehicles.length === 0) {
    return (
      <p role="status" className="p-4 text-sm text-slate-600 dark:text-slate-300">
        {props.loading ? t("listLoading") : t("noMatch")}
      </p>
    );
  }
  const rows = virtualizer.getVirtualItems();
  // Only a rendered row can be the active descendant: the list is virtual, and after scrolling to
  // the selection the active row may be outside the window (an id that points nowhere).
  const activeVehicle = rows.some((row) => row.index === activeIndex)
    ? vehicles[activeIndex]
    : undefined;
  return (
    <div
      ref={scroller}
      role="listbox"
      aria-label={t("listLabel", { n: vehicles.length })}
      tabIndex={0}
      aria-activedescendant={activeVehicle ? `vehicle-option-${activeVehicle.id}` : undefined}
      onKeyDown={onKeyDown}
      onFocus={() => selectedIndex >= 0 && active === 0 && setActive(selectedIndex)}
      className="group min-h-0 flex-1 overflow-y-auto focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:outline-none focus-visible:ring-inset"
    >
      <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
        {rows.map((row) => {
          const v = vehicles[row.index]!;
          const selected = v.id === selectedId;
          return (
            <div
              key={row.key}
              id={`vehicle-option-${v.id}`}
              role="option"
              aria-selected={selected}
              aria-setsize={vehicles.length}
              aria-posinset={row.index + 1}
              data-vehicle-id={v.id}
              onClick={() => {
                setActive(row.index);
                onSelect(v.id);
              }}
              style={{ height: ROW_PX, transform: `translateY(${row.start}px)` }}
              className={`absolute start-0 top-0 flex w-full cursor-pointer flex-col justify-center border-b border-slate-100 px-3 text-sm dark:border-slate-800/70 ${
                selected
                  ? "bg-blue-100 dark:bg-blue-900/60"
                  : "hover:bg-slate-100 dark:hover:bg-slate-800/60"
              } ${row.index === activeIndex ? "group-focus-visible:outline-2 group-focus-visible:-outline-offset-2 group-focus-visible:outline-blue-600" : ""}`}
            >
              <span className="flex items-center justify-between gap-2">
                <span className="truncate font-semibold">{v.name}</span>
                <StatusBadge status={v.status} />
              </span>
              <span className="flex justify-between gap-2 text-xs text-slate-600 dark:text-slate-300">
                <span className="truncate">
                  {[v.plate, v.driver].filter(Boolean).join(" · ") || v.id}
                </span>
                <span className="tabular-nums">
                  {v.status === "moving" ? format.speed(v.speedKph, props.units) : ""}
                </span>
              </span>
            </div>
          );
        })}
      </div>
    </div>
  );
}
