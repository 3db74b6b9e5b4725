"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { Alert } from "@/lib/fleet/types";

const READ_KEY = "fleet-live-alerts-read-at";
const SOUND_KEY = "fleet-live-alert-sound";

function stored(key: string): string | null {
  return typeof window === "undefined" ? null : window.localStorage.getItem(key);
}

/**
 * Per-person alert preferences, kept in this browser: when alerts were last read (the first
 * visit starts at "now", so a day of history is not all unread) and whether new warnings beep.
 */
export function useAlertPrefs(serverNow: () => number) {
  const [readAt, setReadAt] = useState(() => Number(stored(READ_KEY) ?? serverNow()));
  const [sound, setSoundState] = useState(() => stored(SOUND_KEY) === "1");
  const markRead = useCallback((time: number) => {
    window.localStorage.setItem(READ_KEY, String(time));
    setReadAt(time);
  }, []);
  const setSound = useCallback((on: boolean) => {
    window.localStorage.setItem(SOUND_KEY, on ? "1" : "0");
    setSoundState(on);
  }, []);
  return { readAt, markRead, sound, setSound };
}

function beep(critical: boolean) {
  const context = new AudioContext();
  const tone = context.createOscillator();
  const gain = context.createGain();
  tone.frequency.value = critical ? 880 : 660;
  gain.gain.setValueAtTime(0.08, context.currentTime);
  gain.gain.exponentialRampToValueAtTime(0.0001, context.currentTime + 0.35);
  tone.connect(gain).connect(context.destination);
  tone.start();
  tone.stop(context.currentTime + 0.35);
  tone.onended = () => void context.close();
}

/** Beeps once when a new warning or critical alert arrives, if the person switched sound on. */
export function useAlertSound(alerts: readonly Alert[], on: boolean) {
  const newest = alerts[0];
  const heard = useRef<string | undefined>(undefined);
  useEffect(
    function beepForNewAlert() {
      if (!newest) return;
      const first = heard.current === undefined;
      if (newest.id === heard.current) return;
      heard.current = newest.id;
      if (first || !on || newest.severity === "info") return;
      try {
        beep(newest.severity === "critical");
      } catch {
        // No audio device (or autoplay refused): the unread count still shows the alert.
      }
    },
    [newest, on],
  );
}
