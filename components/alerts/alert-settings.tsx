"use client";

import { useState, useSyncExternalStore } from "react";
import { useT } from "@/lib/i18n/i18n-provider";
import { Field } from "@/components/ui/field";
import { SOUND_CHOICES } from "./use-alert-prefs";

const LINK =
  "rounded px-1.5 py-0.5 text-xs font-medium text-blue-800 underline-offset-2 hover:underline focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:outline-none disabled:text-slate-500 disabled:no-underline dark:text-blue-300 dark:disabled:text-slate-400";

const subscribeToNothing = () => () => {};

/**
 * This browser's alert settings, above the list: mark all read, the sound (off by default; it
 * repeats while a warning or critical alert is unacknowledged) and desktop notifications for new
 * critical alerts (the browser asks once when they are switched on).
 */
export function AlertSettings(props: {
  unread: number;
  onMarkRead: () => void;
  soundEveryS: number;
  onSound: (seconds: number) => void;
  notify: boolean;
  onNotify: (on: boolean) => void;
}) {
  const t = useT("alerts");
  const [blocked, setBlocked] = useState(false);
  const notifications = useSyncExternalStore(
    subscribeToNothing,
    () => typeof Notification !== "undefined",
    // The server has no Notification: the button appears after hydration, not during it.
    () => false,
  );
  async function toggleNotifications() {
    if (props.notify) return props.onNotify(false);
    const permission = await Notification.requestPermission();
    setBlocked(permission !== "granted");
    props.onNotify(permission === "granted");
  }
  return (
    <div className="flex flex-wrap items-center justify-end gap-2 border-b border-slate-200 px-3 py-1.5 dark:border-slate-800">
      <button
        type="button"
        onClick={props.onMarkRead}
        disabled={props.unread === 0}
        className={LINK}
      >
        {t("markAllRead")}
      </button>
      <Field label={t("sound")} layout="inline" className="text-xs font-medium" labelClassName="">
        {(control) => (
          <select
            {...control}
            value={props.soundEveryS}
            onChange={(event) => props.onSound(Number(event.target.value))}
            className="rounded border border-slate-300 bg-white px-1 py-0.5 dark:border-slate-700 dark:bg-slate-900"
          >
            {SOUND_CHOICES.map((seconds) => (
              <option key={seconds} value={seconds}>
                {seconds === 0 ? t("soundOff") : t("soundEvery", { n: seconds })}
              </option>
            ))}
          </select>
        )}
      </Field>
      {notifications ? (
        <button
          type="button"
          aria-pressed={props.notify}
          onClick={() => void toggleNotifications()}
          className={LINK}
          title={blocked ? t("notificationsBlockedWhy") : undefined}
        >
          {props.notify
            ? t("notificationsOn")
            : blocked
              ? t("notificationsBlocked")
              : t("notificationsOff")}
        </button>
      ) : null}
    </div>
  );
}
