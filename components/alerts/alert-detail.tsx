"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { AlertItem } from "@/lib/fleet/alert-work";
import { alertQueries } from "@/lib/queries/alerts";
import type { SpeedUnits } from "@/lib/queries/url-state";
import { useFormat, useT } from "@/lib/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { AlertActions } from "./alert-actions";
import { AlertHistory } from "./alert-history";
import { alertLabel, timeOfDay, workLine } from "./alert-text";
import { SeverityBadge } from "./severity-badge";

const DT = "text-slate-600 dark:text-slate-300";

/**
 * One alert: what, when, where the vehicle was and how fast, the fence, where it stands and its
 * whole history, with one click to the vehicle (or the fence, or the place on the map), and the
 * actions the person may take.
 */
export function AlertDetail(props: {
  item: AlertItem;
  me: string;
  canAct: boolean;
  now: number;
  units: SpeedUnits;
  escalateAfterMs: number;
  vehicleName: string | undefined;
  onBack: () => void;
  onShowVehicle?: () => void;
  onShowFence?: () => void;
  onShowPlace?: () => void;
}) {
  const { item, now } = props;
  const t = useT("alerts");
  const format = useFormat();
  const { alert, work } = item;
  const history = useQuery({
    ...alertQueries.detail(alert.id, work.version),
    placeholderData: keepPreviousData,
  });
  return (
    <section
      aria-labelledby="alert-detail-title"
      data-testid="alert-detail"
      data-alert-id={alert.id}
      data-work-state={work.state}
      className="flex min-h-0 flex-1 flex-col gap-3 overflow-y-auto p-3"
    >
      <Button onClick={props.onBack} className="self-start px-2">
        {t("backToList")}
      </Button>
      <header className="flex flex-col gap-1">
        <SeverityBadge item={item} />
        <h2 id="alert-detail-title" className="text-lg font-bold">
          {alertLabel(alert, t)}
        </h2>
        {item.escalated ? (
          <p className="text-sm font-semibold text-red-800 dark:text-red-300">
            {t("escalatedFor", {
              age: format.age(now - alert.time),
              after: format.age(props.escalateAfterMs),
            })}
          </p>
        ) : null}
      </header>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className={DT}>{t("detailWhen")}</dt>
        <dd className="tabular-nums">
          {timeOfDay(alert.time, format)} ({format.relative(alert.time, now)})
        </dd>
        <dt className={DT}>{t("detailVehicle")}</dt>
        <dd>{props.vehicleName ?? alert.deviceId ?? "—"}</dd>
        <dt className={DT}>{t("detailSpeed")}</dt>
        <dd className="tabular-nums" data-testid="alert-speed">
          {format.speed(alert.speedKph, props.units)}
        </dd>
        <dt className={DT}>{t("detailFence")}</dt>
        <dd>{alert.fenceName ?? alert.fenceId ?? "—"}</dd>
        <dt className={DT}>{t("detailWhere")}</dt>
        <dd className="tabular-nums" data-testid="alert-position">
          {alert.position
            ? // Decimal degrees as map tools read them (dot, Latin digits), whatever the language.
              `${alert.position[0].toFixed(5)}, ${alert.position[1].toFixed(5)}`
            : t("positionNotSent")}
        </dd>
        {alert.message ? (
          <>
            <dt className={DT}>{t("detailMessage")}</dt>
            <dd>{alert.message}</dd>
          </>
        ) : null}
        <dt className={DT}>{t("detailState")}</dt>
        <dd data-testid="alert-detail-state" className="font-semibold">
          {workLine(work, t, props.me)}
        </dd>
      </dl>
      <div className="flex flex-wrap gap-2">
        {props.onShowVehicle ? (
          <Button onClick={props.onShowVehicle}>{t("showVehicle")}</Button>
        ) : null}
        {props.onShowPlace ? <Button onClick={props.onShowPlace}>{t("showPlace")}</Button> : null}
        {props.onShowFence ? <Button onClick={props.onShowFence}>{t("showFence")}</Button> : null}
      </div>
      {props.canAct ? <AlertActions key={alert.id} item={item} me={props.me} /> : null}
      <h3 className="text-sm font-bold tracking-wide text-slate-700 uppercase dark:text-slate-300">
        {t("historyTitle")}
      </h3>
      <AlertHistory events={history.data?.history} error={history.error?.message} />
    </section>
  );
}
