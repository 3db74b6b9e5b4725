"use client";

import { useCallback, useState } from "react";

const READ_KEY = "fleet-live-alerts-read-at";
const SOUND_KEY = "fleet-live-alert-sound";
const NOTIFY_KEY = "fleet-live-alert-notifications";

/** How often the sound repeats, in seconds, offered on the dashboard (0: off). */
export const SOUND_CHOICES = [0, 15, 30, 60, 120] as const;
const DEFAULT_REPEAT_S = 30;

function stored(key: string): string | null {
  return typeof window === "undefined" ? null : window.localStorage.getItem(key);
}

/** "1" was "on" before the sound repeated: it repeats every 30 s now. */
function storedSound(): number {
  const text = stored(SOUND_KEY);
  if (text === "1") return DEFAULT_REPEAT_S;
  const seconds = Number(text);
  return (SOUND_CHOICES as readonly number[]).includes(seconds) ? seconds : 0;
}

/**
 * Per-person alert preferences, kept in this browser: when alerts were last read (the first
 * visit starts at "now", so a day of history is not all unread), whether a sound repeats while a
 * warning or critical alert is unacknowledged (off by default) and how often, and whether new
 * critical alerts raise a desktop notification (asked for once, when switched on).
 */
export function useAlertPrefs(serverNow: () => number) {
  const [readAt, setReadAt] = useState(() => Number(stored(READ_KEY) ?? serverNow()));
  const [soundEveryS, setSoundState] = useState(storedSound);
  const [notify, setNotifyState] = useState(() => stored(NOTIFY_KEY) === "1");
  const markRead = useCallback((time: number) => {
    window.localStorage.setItem(READ_KEY, String(time));
    setReadAt(time);
  }, []);
  const setSoundEveryS = useCallback((seconds: number) => {
    window.localStorage.setItem(SOUND_KEY, String(seconds));
    setSoundState(seconds);
  }, []);
  const setNotify = useCallback((on: boolean) => {
    window.localStorage.setItem(NOTIFY_KEY, on ? "1" : "0");
    setNotifyState(on);
  }, []);
  return { readAt, markRead, soundEveryS, setSoundEveryS, notify, setNotify };
}
