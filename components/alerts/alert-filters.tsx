"use client";

import {
  ALERT_STATE_FILTERS,
  type AlertFilter,
  type AlertItem,
  type AlertStateFilter,
} from "@/lib/fleet/alert-work";
import type { AlertSeverity } from "@/lib/fleet/types";
import { useFormat, useT } from "@/lib/i18n/i18n-provider";
import { alertLabel, severityLabel } from "./alert-text";

const STATE_KEY = {
  open: "stateOpen",
  mine: "stateMine",
  unassigned: "stateUnassigned",
  resolved: "stateResolved",
  all: "stateAll",
} as const satisfies Record<AlertStateFilter, string>;
const SEVERITIES: readonly AlertSeverity[] = ["critical", "warning", "info"];

const CHIP =
  "rounded-full border px-2.5 py-1 text-xs font-medium tabular-nums focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:outline-none border-slate-300 bg-white text-slate-800 hover:bg-slate-100 aria-pressed:border-blue-700 aria-pressed:bg-blue-700 aria-pressed:text-white dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800 dark:aria-pressed:border-blue-400 dark:aria-pressed:bg-blue-400 dark:aria-pressed:text-slate-950";
const SELECT =
  "min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-1.5 py-1 text-xs focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:outline-none dark:border-slate-700 dark:bg-slate-900";

/**
 * The alerts panel's filters, all buttons and fields (keyboard operable): by state with the
 * count of each, by severity, and by type, vehicle and fence among the alerts listed.
 */
export function AlertFilters(props: {
  filter: AlertFilter;
  counts: Record<AlertStateFilter, number>;
  /** All alerts, for the choices of type, vehicle and fence. */
  items: readonly AlertItem[];
  /** Whether "Mine" means anything: only someone who may act can hold an alert. */
  canAct: boolean;
  vehicleName: (id: string | undefined) => string | undefined;
  onFilter: (filter: AlertFilter) => void;
}) {
  const { filter, items } = props;
  const t = useT("alerts");
  const format = useFormat();
  const set = (patch: Partial<AlertFilter>) => props.onFilter({ ...filter, ...patch });
  const toggleSeverity = (severity: AlertSeverity) =>
    set({
      severities: filter.severities.includes(severity)
        ? filter.severities.filter((s) => s !== severity)
        : [...filter.severities, severity],
    });
  const choices = (key: (item: AlertItem) => [string, string] | undefined) =>
    [...new Map(items.flatMap((item) => (key(item) ? [key(item)!] : []))).entries()].sort((a, b) =>
      a[1].localeCompare(b[1], format.locale),
    );
  const types = choices((item) => [item.alert.type, alertLabel(item.alert, t)]);
  const vehicles = choices(({ alert }) =>
    alert.deviceId
      ? [alert.deviceId, props.vehicleName(alert.deviceId) ?? alert.deviceId]
      : undefined,
  );
  const fences = choices(({ alert }) =>
    alert.fenceId ? [alert.fenceId, alert.fenceName ?? alert.fenceId] : undefined,
  );
  const states = ALERT_STATE_FILTERS.filter((state) => props.canAct || state !== "mine");

  return (
    <div className="flex flex-col gap-2 border-b border-slate-200 px-3 py-2 dark:border-slate-800">
      <div role="group" aria-label={t("byState")} className="flex flex-wrap gap-1.5">
        {states.map((state) => (
          <button
            key={state}
            type="button"
            aria-pressed={filter.state === state}
            onClick={() => set({ state })}
            className={CHIP}
          >
            {t(STATE_KEY[state])} {format.number(props.counts[state])}
          </button>
        ))}
      </div>
      <div role="group" aria-label={t("bySeverity")} className="flex flex-wrap gap-1.5">
        {SEVERITIES.map((severity) => (
          <button
            key={severity}
            type="button"
            aria-pressed={filter.severities.includes(severity)}
            onClick={() => toggleSeverity(severity)}
            className={CHIP}
          >
            {severityLabel(severity, t)}
          </button>
        ))}
      </div>
      <div className="flex gap-1.5">
        <FilterSelect
          label={t("byType")}
          any={t("anyType")}
          value={filter.type}
          options={types}
          className={SELECT}
          onChange={(type) => set({ type })}
        />
        <FilterSelect
          label={t("byVehicle")}
          any={t("anyVehicle")}
          value={filter.vehicleId}
          options={vehicles}
          className={SELECT}
          onChange={(vehicleId) => set({ vehicleId })}
        />
        <FilterSelect
          label={t("byFence")}
          any={t("anyFence")}
          value={filter.fenceId}
          options={fences}
          className={SELECT}
          onChange={(fenceId) => set({ fenceId })}
        />
      </div>
    </div>
  );
}

function FilterSelect(props: {
  label: string;
  any: string;
  value: string | undefined;
  options: [string, string][];
  className: string;
  onChange: (value: string | undefined) => void;
}) {
  return (
    <select
      aria-label={props.label}
      value={props.value ?? ""}
      onChange={(event) => props.onChange(event.target.value || undefined)}
      className={props.className}
    >
      <option value="">{props.any}</option>
      {props.options.map(([value, text]) => (
        <option key={value} value={value}>
          {text}
        </option>
      ))}
      {props.value && !props.options.some(([value]) => value === props.value) ? (
        <option value={props.value}>{props.value}</option>
      ) : null}
    </select>
  );
}
