"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import type { FenceOccupancy, OccupancyBoard } from "@/lib/fleet/occupancy";
import type { Fence } from "@/lib/fleet/types";
import { useFormat, useT } from "@/lib/i18n/i18n-provider";
import type { Messages } from "@/lib/i18n/messages";
import { fetchJson } from "@/lib/queries/fetch-json";
import { NearestButton } from "@/components/fleet/nearest-button";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

const KIND_LABEL: Record<Fence["kind"], keyof Messages["dashboard"]> = {
  circle: "fenceCircle",
  polygon: "fencePolygon",
  unknown: "fenceShapeUnknown",
};

/**
 * The fences by name, each with its occupancy: who is inside now and since when, today's visits
 * and their average dwell, and the dwell limit (admins set it). A click shows a fence on the map,
 * "Nearest" lists the vehicles closest to it. A fence FleetUp names without a known shape is
 * listed too (not drawn, nothing to show).
 */
export function FencesPanel(props: {
  fences: readonly Fence[];
  occupancy: OccupancyBoard | undefined;
  now: number;
  isAdmin: boolean;
  onFocus: (id: string) => void;
  onNearest: (id: string) => void;
  onSelectVehicle: (id: string) => void;
  /** A dwell limit was saved: read the board again. */
  onLimitSaved: () => void;
}) {
  const t = useT("dashboard");
  if (props.fences.length === 0) {
    return <p className="p-3 text-sm text-slate-600 dark:text-slate-300">{t("fencesEmpty")}</p>;
  }
  const byFence = new Map(props.occupancy?.fences.map((entry) => [entry.fenceId, entry]));
  const fences = [...props.fences].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <ul aria-label={t("fences")} className="min-h-0 flex-1 overflow-y-auto">
      {fences.map((fence) => {
        const occupancy = byFence.get(fence.id);
        return (
          <li
            key={fence.id}
            data-fence-occupancy={fence.id}
            className="border-b border-slate-100 dark:border-slate-800/70"
          >
            <div className="flex items-stretch">
              <button
                type="button"
                data-fence-id={fence.id}
                disabled={fence.kind === "unknown"}
                title={fence.kind === "unknown" ? t("fenceWhereUnknown") : undefined}
                onClick={() => props.onFocus(fence.id)}
                className="flex min-w-0 flex-1 justify-between gap-2 px-3 py-2 text-start text-sm hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:outline-none focus-visible:ring-inset disabled:cursor-default disabled:hover:bg-transparent dark:hover:bg-slate-800/60"
              >
                <span className="truncate font-medium">{fence.name}</span>
                <span className="text-xs text-slate-600 dark:text-slate-300">
                  {occupancy && occupancy.inside.length > 0
                    ? t("fenceInside", { n: occupancy.inside.length })
                    : t(KIND_LABEL[fence.kind])}
                </span>
              </button>
              {fence.kind !== "unknown" && (
                <NearestButton
                  label={t("fenceNearest", { name: fence.name })}
                  onClick={() => props.onNearest(fence.id)}
                />
              )}
            </div>
            {occupancy ? (
              <Occupancy
                occupancy={occupancy}
                now={props.now}
                isAdmin={props.isAdmin}
                onSelectVehicle={props.onSelectVehicle}
                onLimitSaved={props.onLimitSaved}
              />
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

function Occupancy(props: {
  occupancy: FenceOccupancy;
  now: number;
  isAdmin: boolean;
  onSelectVehicle: (id: string) => void;
  onLimitSaved: () => void;
}) {
  const { occupancy } = props;
  const t = useT("dashboard");
  const format = useFormat();
  const limitS = occupancy.dwellLimitS;
  return (
    <div className="px-3 pb-2 text-xs text-slate-700 dark:text-slate-300">
      <p>
        <span data-testid="fence-visits">{t("fenceVisits", { n: occupancy.visits })}</span>
        {occupancy.averageDwellS !== null ? (
          <span data-testid="fence-average-dwell">
            {" "}
            · {t("fenceAverageDwell", { age: format.age(occupancy.averageDwellS * 1000) })}
          </span>
        ) : null}
        {limitS !== null ? (
          <span> · {t("fenceLimit", { age: format.age(limitS * 1000) })}</span>
        ) : null}
      </p>
      {occupancy.inside.length > 0 ? (
        <ul aria-label={t("fenceInsideList", { name: occupancy.name })}>
          {occupancy.inside.map((stay) => {
            const over = limitS !== null && props.now - stay.since > limitS * 1000;
            return (
              <li key={stay.deviceId}>
                <button
                  type="button"
                  data-vehicle-id={stay.deviceId}
                  onClick={() => props.onSelectVehicle(stay.deviceId)}
                  className={`rounded px-1 hover:underline focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:outline-none ${over ? "font-semibold text-red-700 dark:text-red-400" : ""}`}
                >
                  {t("fenceStay", {
                    name: stay.name,
                    time: format.clock(stay.since),
                    age: format.age(props.now - stay.since),
                  })}
                  {over ? ` · ${t("fenceOverLimit")}` : ""}
                </button>
              </li>
            );
          })}
        </ul>
      ) : null}
      {props.isAdmin ? <DwellLimitForm occupancy={occupancy} onSaved={props.onLimitSaved} /> : null}
    </div>
  );
}

/** Admins: the fence's dwell limit in minutes (empty: none). */
function DwellLimitForm({
  occupancy,
  onSaved,
}: {
  occupancy: FenceOccupancy;
  onSaved: () => void;
}) {
  const t = useT("dashboard");
  const current = occupancy.dwellLimitS === null ? "" : String(occupancy.dwellLimitS / 60);
  const [text, setText] = useState(current);
  const save = useMutation({
    mutationFn: (minutes: number | null) =>
      fetchJson(`/api/fleet/fences/${encodeURIComponent(occupancy.fenceId)}/dwell-limit`, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ minutes }),
      }),
    onSuccess: onSaved,
  });
  return (
    <form
      className="mt-1 flex flex-wrap items-center gap-1.5"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate(text.trim() === "" ? null : Number(text));
      }}
    >
      <Field
        label={t("dwellLimit")}
        layout="inline"
        labelClassName=""
        error={save.isError ? save.error.message : undefined}
      >
        {(control) => (
          <>
            <input
              {...control}
              inputMode="numeric"
              value={text}
              onChange={(event) => setText(event.target.value)}
              className="w-14 rounded border border-slate-300 bg-white px-1 py-0.5 dark:border-slate-700 dark:bg-slate-950"
            />
            <Button type="submit" className="px-2 py-0.5 text-xs" disabled={save.isPending}>
              {t("dwellLimitSave")}
            </Button>
          </>
        )}
      </Field>
      {save.isSuccess ? <span role="status">{t("dwellLimitSaved")}</span> : null}
    </form>
  );
}
