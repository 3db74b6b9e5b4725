"use client";

import type { AlertEvent } from "@/lib/fleet/alert-work";
import { useFormat, useT } from "@/lib/i18n/i18n-provider";
import { eventText, timeOfDay } from "./alert-text";

/** An alert's history, oldest first: who did what, when, with their note. */
export function AlertHistory(props: { events: readonly AlertEvent[] | undefined; error?: string }) {
  const t = useT("alerts");
  const format = useFormat();
  if (props.error) {
    return (
      <p className="text-sm text-red-800 dark:text-red-300">
        {t("historyUnavailable", { error: props.error })}
      </p>
    );
  }
  if (!props.events) {
    return <p className="text-sm text-slate-600 dark:text-slate-300">{t("historyLoading")}</p>;
  }
  if (props.events.length === 0) {
    return <p className="text-sm text-slate-600 dark:text-slate-300">{t("historyEmpty")}</p>;
  }
  return (
    <ol aria-label={t("historyTitle")} className="flex flex-col gap-1.5 text-sm">
      {props.events.map((event) => {
        const [before, after] = eventText(event, t).split("{actor}");
        return (
          <li key={event.version} data-testid="alert-event" className="flex flex-col">
            <span>
              {before}
              <span className="font-medium">{event.actor}</span>
              {after}
              <time
                dateTime={new Date(event.at).toISOString()}
                className="ms-1.5 text-xs text-slate-600 tabular-nums dark:text-slate-300"
              >
                {timeOfDay(event.at, format)}
              </time>
            </span>
            {event.note ? (
              <q className="text-slate-700 italic dark:text-slate-300">{event.note}</q>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
