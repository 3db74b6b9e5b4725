"use client";

import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import {
  decodePoint,
  fleetPointsAt,
  pointAt,
  replayVehicle,
  stopsOf,
  trailUntil,
} from "@/lib/fleet/history";
import type { LiveVehicle } from "@/lib/fleet/live";
import type { StatusThresholds } from "@/lib/fleet/status";
import type { Fence } from "@/lib/fleet/types";
import { useFormat, useLocale, useT } from "@/lib/i18n/i18n-provider";
import { INTL_TAG } from "@/lib/i18n/locales";
import { FRAME_MS, historyQueries } from "@/lib/queries/history";
import {
  REPLAY_SPEEDS,
  type ReplaySpeed,
  type ReplayUrlState,
  type SpeedUnits,
} from "@/lib/queries/url-state";
import { useStatusLabel } from "@/components/fleet/status-badge";
import { FleetMap } from "@/components/map/core/fleet-map";
import { Button } from "@/components/ui/button";
import { serverNow } from "@/components/dashboard/use-now";
import { advance, replayMarks, type ReplayMark } from "./replay-marks";

const NO_VEHICLES: LiveVehicle[] = [];
/** The replay time is written to the link this often while playing (and at once on a pause). */
const URL_EVERY_MS = 1_000;
const FLEET_STEP_MS = 10_000;

const PRESETS = [
  { label: "last10Min", ms: 10 * 60_000 },
  { label: "lastHour", ms: 3_600_000 },
  { label: "last24h", ms: 24 * 3_600_000 },
] as const;

/** A time of day to the second, as the page's language writes it. */
function useClock(): (time: number) => string {
  const locale = useLocale();
  return useMemo(() => {
    const clock = new Intl.DateTimeFormat(INTL_TAG[locale], {
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    return (time: number) => clock.format(time);
  }, [locale]);
}

/**
 * Replay in place of the live map: one vehicle's recorded track (or the whole fleet) over a
 * range, played at 1× to 60× or stepped, with a scrub bar marking alerts, stops and fence
 * visits. Key it by vehicle and range. Its reads have their own query keys: the live snapshot and stream carry on untouched
 * underneath, so "Back to live" shows the live map at once.
 */
export function ReplayView(props: {
  tileUrl: string;
  replay: ReplayUrlState;
  onReplay: (replay: ReplayUrlState | undefined) => void;
  fences: readonly Fence[];
  showFences: boolean;
  thresholds: StatusThresholds | undefined;
  units: SpeedUnits;
  dark: boolean;
  liveName: (id: string) => string | undefined;
}) {
  const { replay, onReplay, liveName } = props;
  const tr = useT("replay");
  const format = useFormat();
  const clock = useClock();
  const statusLabel = useStatusLabel();
  // The server's status settings (from the live snapshot): nothing is drawn until they are known.
  const thresholds = props.thresholds;
  const { vehicleId, from, to, speed } = replay;

  // The time shown lives here while playing (60 frames a second); the link follows it. The
  // ref is the one truth (ticks and seeks write it); the state only draws it. A new range or
  // vehicle mounts a new replay (the parent keys it), starting from the link's time.
  const tRef = useRef(replay.t);
  const [t, setT] = useState(replay.t);
  const [playing, setPlaying] = useState(false);
  const latest = useRef(replay);
  const writer = useRef(onReplay);
  useEffect(() => {
    latest.current = replay;
    writer.current = onReplay;
  }, [replay, onReplay]);
  // One writer for the whole replay: `onReplay` changes with every link it writes, and a play
  // loop restarted on each change lost the time until its next frame (a 10× replay ran at 6×
  // on a busy machine).
  const writeTime = useCallback(
    (time: number) => writer.current({ ...latest.current, t: Math.round(time) }),
    [],
  );

  useEffect(
    function play() {
      if (!playing) return;
      let frame = 0;
      let last = performance.now();
      let written = last;
      const tick = (now: number) => {
        const next = advance(tRef.current, Math.max(0, now - last), speed, to);
        last = now;
        tRef.current = next;
        setT(next);
        if (next >= to) {
          setPlaying(false);
          writeTime(next);
          return;
        }
        if (now - written >= URL_EVERY_MS) {
          written = now;
          writeTime(next);
        }
        frame = requestAnimationFrame(tick);
      };
      frame = requestAnimationFrame(tick);
      return () => cancelAnimationFrame(frame);
    },
    [playing, speed, to, writeTime],
  );

  const seek = (time: number) => {
    const next = Math.min(to, Math.max(from, time));
    tRef.current = next;
    setT(next);
    writeTime(next);
  };
  const pause = () => {
    setPlaying(false);
    writeTime(tRef.current);
  };

  // One vehicle: its whole range at once.
  const vehicleQuery = useQuery({
    ...historyQueries.vehicle(vehicleId ?? "", from, to),
    enabled: vehicleId !== undefined,
  });
  const history = vehicleQuery.data;
  const points = useMemo(() => history?.points.map(decodePoint) ?? [], [history]);

  // The whole fleet: five-minute frames, the next one fetched ahead.
  const frameAt = Math.floor(t / FRAME_MS) * FRAME_MS;
  const framesQuery = useQuery({
    ...historyQueries.frames(frameAt),
    enabled: vehicleId === undefined,
    placeholderData: keepPreviousData,
  });
  const client = useQueryClient();
  useEffect(() => {
    if (vehicleId === undefined && frameAt + FRAME_MS < to) {
      void client.prefetchQuery(historyQueries.frames(frameAt + FRAME_MS));
    }
  }, [client, vehicleId, frameAt, to]);
  const fleetQuery = useQuery({
    ...historyQueries.fleet(from, to),
    enabled: vehicleId === undefined,
  });

  const frames = framesQuery.data;
  const vehicles = useMemo((): LiveVehicle[] => {
    if (!thresholds) return NO_VEHICLES;
    if (vehicleId !== undefined) {
      const point = pointAt(points, t);
      if (!point || !history) return NO_VEHICLES;
      return [replayVehicle(history.vehicle, point, t, thresholds)];
    }
    if (!frames) return NO_VEHICLES;
    const shown: LiveVehicle[] = [];
    for (const [device, point] of fleetPointsAt(frames, t)) {
      const identity = frames.devices[device];
      if (identity) shown.push(replayVehicle(identity, point, t, thresholds));
    }
    return shown;
  }, [vehicleId, points, history, frames, t, thresholds]);
  const trail = useMemo(
    () => (vehicleId !== undefined ? trailUntil(points, from, t) : undefined),
    [vehicleId, points, from, t],
  );
  const selected = vehicleId !== undefined ? vehicles[0] : undefined;

  const marks = useMemo(() => {
    if (vehicleId !== undefined) {
      return history && thresholds
        ? replayMarks(
            { from, to },
            {
              events: history.events,
              visits: history.visits,
              stops: stopsOf(points, thresholds),
            },
            tr,
          )
        : [];
    }
    const fleet = fleetQuery.data;
    return fleet
      ? replayMarks(
          { from, to },
          { events: fleet.events, visits: fleet.visits, vehicleName: (id) => liveName(id) ?? id },
          tr,
        )
      : [];
  }, [vehicleId, history, points, thresholds, fleetQuery.data, from, to, liveName, tr]);

  const step = (direction: 1 | -1) => {
    if (vehicleId !== undefined && points.length > 0) {
      const target =
        direction > 0
          ? points.find((point) => point.t > tRef.current)?.t
          : points.findLast((point) => point.t < tRef.current)?.t;
      seek(target ?? (direction > 0 ? to : from));
    } else {
      seek(tRef.current + direction * FLEET_STEP_MS);
    }
  };

  const error = vehicleId !== undefined ? vehicleQuery.error : framesQuery.error;
  const loading = vehicleId !== undefined ? vehicleQuery.isPending : framesQuery.isPending;
  const title =
    vehicleId !== undefined
      ? (history?.vehicle.name ?? liveName(vehicleId) ?? vehicleId)
      : tr("wholeFleet");
  const replayNow = useCallback(() => tRef.current, []);

  return (
    <main
      className="relative flex min-h-0 flex-col"
      aria-label={tr("label", { name: title })}
      data-testid="replay"
      data-replay-time={Math.round(t)}
    >
      <div className="min-h-0 flex-1">
        <FleetMap
          tileUrl={props.tileUrl}
          allVehicles={vehicles}
          vehicles={vehicles}
          fences={props.fences}
          showFences={props.showFences}
          selected={selected}
          trail={false}
          follow={false}
          dark={props.dark}
          serverNow={replayNow}
          thresholds={thresholds}
          onSelect={(id) => onReplay({ ...latest.current, vehicleId: id })}
          path={trail}
        />
      </div>
      <section
        aria-label={tr("controls")}
        className="flex flex-col gap-2 border-t border-slate-200 bg-white px-3 py-2 text-sm dark:border-slate-800 dark:bg-slate-900"
      >
        <div className="flex flex-wrap items-center gap-2">
          <h2 className="font-semibold">
            {tr("heading")} · <span data-testid="replay-title">{title}</span>
          </h2>
          {vehicleId !== undefined ? (
            <Button onClick={() => onReplay({ ...latest.current, vehicleId: undefined })}>
              {tr("wholeFleet")}
            </Button>
          ) : null}
          <div role="group" aria-label={tr("range")} className="flex gap-1">
            {PRESETS.map((preset) => (
              <Button
                key={preset.label}
                onClick={() => {
                  const now = Math.floor(serverNow());
                  onReplay({
                    ...latest.current,
                    from: now - preset.ms,
                    to: now,
                    t: now - preset.ms,
                  });
                }}
              >
                {tr(preset.label)}
              </Button>
            ))}
          </div>
          <ExportLinks vehicleId={vehicleId} from={from} to={to} />
          <Button className="ms-auto" onClick={() => onReplay(undefined)}>
            {tr("backToLive")}
          </Button>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <Button aria-label={tr("stepBack")} onClick={() => step(-1)}>
            <span dir="ltr" className="inline-block rtl:-scale-x-100">
              ◀︎|
            </span>
          </Button>
          {playing ? (
            <Button aria-label={tr("pause")} onClick={pause}>
              {tr("pause")}
            </Button>
          ) : (
            <Button
              aria-label={tr("play")}
              onClick={() => {
                if (tRef.current >= to) seek(from);
                setPlaying(true);
              }}
            >
              {tr("play")}
            </Button>
          )}
          <Button aria-label={tr("stepForward")} onClick={() => step(1)}>
            <span dir="ltr" className="inline-block rtl:-scale-x-100">
              |▶︎
            </span>
          </Button>
          <div role="group" aria-label={tr("speed")} className="flex">
            {REPLAY_SPEEDS.map((s: ReplaySpeed) => (
              <Button
                key={s}
                aria-pressed={speed === s}
                onClick={() =>
                  onReplay({ ...latest.current, t: Math.round(tRef.current), speed: s })
                }
                className="px-2 not-first:rounded-s-none not-last:rounded-e-none"
              >
                {tr("speedValue", { n: s })}
              </Button>
            ))}
          </div>
          <output data-testid="replay-clock" className="font-mono tabular-nums">
            {clock(t)}
          </output>
          <span className="text-xs text-slate-600 dark:text-slate-300">
            {tr("period", { from: clock(from), to: clock(to) })}
          </span>
          {selected ? (
            <span data-testid="replay-position" className="text-xs tabular-nums">
              <span dir="ltr">
                {selected.lat.toFixed(5)}, {selected.lng.toFixed(5)}
              </span>{" "}
              · {statusLabel(selected.status)} · {format.speed(selected.speedKph, props.units)}
            </span>
          ) : null}
          {loading ? <span className="text-xs">{tr("loading")}</span> : null}
          {history?.backfilling ? <span className="text-xs">{tr("backfilling")}</span> : null}
          {error ? (
            <span role="alert" className="text-xs text-red-700 dark:text-red-400">
              {error.message}
            </span>
          ) : null}
          {!loading && !error && vehicles.length === 0 ? (
            <span className="text-xs">{tr("nothingRecorded")}</span>
          ) : null}
        </div>
        <ScrubBar from={from} to={to} t={t} marks={marks} onSeek={seek} />
      </section>
    </main>
  );
}

const MARK_STYLE: Record<ReplayMark["kind"], string> = {
  alert: "bg-red-600 dark:bg-red-400 w-1",
  stop: "bg-slate-400 dark:bg-slate-500 h-1.5 top-auto bottom-0",
  visit: "bg-blue-600/70 dark:bg-blue-400/70 h-1.5",
};

/** The time slider, with alerts, stops and fence visits marked over it (a click jumps there). */
function ScrubBar(props: {
  from: number;
  to: number;
  t: number;
  marks: readonly ReplayMark[];
  onSeek: (t: number) => void;
}) {
  const { from, to } = props;
  const t = useT("replay");
  const clock = useClock();
  const at = (time: number) => `${((time - from) / (to - from)) * 100}%`;
  return (
    <div className="flex flex-col gap-0.5">
      <ol aria-label={t("marks")} className="relative h-4">
        {props.marks.map((mark, i) => (
          <li key={i}>
            <button
              type="button"
              data-mark={mark.kind}
              data-from={mark.from}
              data-to={mark.to}
              title={t("markTitle", { label: mark.label, time: clock(mark.from) })}
              aria-label={t("markAt", { label: mark.label, time: clock(mark.from) })}
              onClick={() => props.onSeek(mark.from)}
              className={`absolute top-0 h-3 min-w-1 rounded-sm focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:outline-none ${MARK_STYLE[mark.kind]}`}
              // Inline start, as the slider under it runs right to left in Arabic.
              style={{
                insetInlineStart: at(mark.from),
                ...(mark.kind === "alert" ? {} : { width: at(from + (mark.to - mark.from)) }),
              }}
            />
          </li>
        ))}
      </ol>
      <input
        type="range"
        aria-label={t("time")}
        aria-valuetext={clock(props.t)}
        min={from}
        max={to}
        step={1000}
        value={Math.round(props.t)}
        onChange={(event) => props.onSeek(Number(event.target.value))}
        className="w-full accent-blue-700"
      />
    </div>
  );
}

function ExportLinks(props: { vehicleId: string | undefined; from: number; to: number }) {
  if (props.vehicleId === undefined) return null;
  const base = `/api/history/vehicles/${encodeURIComponent(props.vehicleId)}/export?from=${props.from}&to=${props.to}`;
  return (
    <span className="flex gap-2 text-xs">
      <a className="text-blue-800 underline dark:text-blue-300" href={`${base}&format=csv`}>
        CSV
      </a>
      <a className="text-blue-800 underline dark:text-blue-300" href={`${base}&format=geojson`}>
        GeoJSON
      </a>
    </span>
  );
}
