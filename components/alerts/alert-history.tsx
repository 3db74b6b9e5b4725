"use client";

import type { AlertEvent } from "@/lib/fleet/alert-work";
import { eventText } from "./alert-text";

/** An alert's history, oldest first: who did what, when, with their note. */
export function AlertHistory(props: { events: readonly AlertEvent[] | undefined; error?: string }) {
  if (props.error) {
    return (
      <p className="text-sm text-red-800 dark:text-red-300">History unavailable: {props.error}</p>
    );
  }
  if (!props.events)
    return <p className="text-sm text-slate-600 dark:text-slate-300">Loading history…</p>;
  if (props.events.length === 0) {
    return (
      <p className="text-sm text-slate-600 dark:text-slate-300">Nobody has acted on it yet.</p>
    );
  }
  return (
    <ol aria-label="History" className="flex flex-col gap-1.5 text-sm">
      {props.events.map((event) => (
        <li key={event.version} data-testid="alert-event" className="flex flex-col">
          <span>
            <span className="font-medium">{event.actor}</span> {eventText(event)}
            <time
              dateTime={new Date(event.at).toISOString()}
              className="ml-1.5 text-xs text-slate-600 tabular-nums dark:text-slate-300"
            >
              {new Date(event.at).toLocaleTimeString([], { hourCycle: "h23" })}
            </time>
          </span>
          {event.note ? (
            <q className="text-slate-700 italic dark:text-slate-300">{event.note}</q>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
