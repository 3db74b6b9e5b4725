"use client";

import { useEffect, useRef, useState } from "react";
import type { AlertItem } from "@/lib/fleet/alert-work";
import type { AlertSeverity } from "@/lib/fleet/types";
import { useT } from "@/lib/i18n/i18n-provider";
import { alertLabel } from "./alert-text";
import { announce, NewAlerts, soundFor } from "./attention";

function beep(severity: AlertSeverity) {
  const context = new AudioContext();
  const tone = context.createOscillator();
  const gain = context.createGain();
  tone.frequency.value = severity === "critical" ? 880 : 660;
  gain.gain.setValueAtTime(0.08, context.currentTime);
  gain.gain.exponentialRampToValueAtTime(0.0001, context.currentTime + 0.35);
  tone.connect(gain).connect(context.destination);
  tone.start();
  tone.stop(context.currentTime + 0.35);
  tone.onended = () => void context.close();
}

function tryBeep(severity: AlertSeverity | undefined) {
  if (!severity) return;
  try {
    beep(severity);
  } catch {
    // No audio device (or autoplay refused): the list and the counts still show the alert.
  }
}

/**
 * Draws a person to alerts that need them: a sound when a warning or critical alert arrives,
 * repeated every `soundEveryS` (0: never) while an open one is unacknowledged; a desktop
 * notification for each new critical alert when `notify` (and the browser allows it); and the
 * words for a polite live region, returned, for screen readers.
 */
export function useAlertAttention(options: {
  items: readonly AlertItem[];
  serverNow: () => number;
  vehicleName: (id: string | undefined) => string | undefined;
  soundEveryS: number;
  notify?: boolean;
  onNotificationClick?: (alertId: string) => void;
}): string {
  const t = useT("alerts");
  const [spoken, setSpoken] = useState("");
  const [news] = useState(() => new NewAlerts());
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });

  const { items, soundEveryS } = options;
  useEffect(
    function noticeNewAlerts() {
      const fresh = news.observe(items);
      if (fresh.length === 0) return;
      const { vehicleName, notify, onNotificationClick, serverNow } = latest.current;
      const words = announce(fresh, vehicleName, t);
      if (words) setSpoken(words);
      if (soundEveryS > 0) tryBeep(soundFor(fresh, serverNow()));
      if (!notify || typeof Notification === "undefined") return;
      if (Notification.permission !== "granted") return;
      for (const item of fresh.filter((candidate) => candidate.severity === "critical")) {
        const where = [vehicleName(item.alert.deviceId), item.alert.fenceName].filter(Boolean);
        const shown = new Notification(t("notifyCritical", { label: alertLabel(item.alert, t) }), {
          body: where.join(" · ") || item.alert.message || "",
          tag: item.alert.id,
        });
        shown.onclick = () => {
          window.focus();
          onNotificationClick?.(item.alert.id);
          shown.close();
        };
      }
    },
    [items, news, soundEveryS, t],
  );

  useEffect(
    function repeatWhileUnacknowledged() {
      if (soundEveryS <= 0) return;
      const timer = setInterval(() => {
        const { items: current, serverNow } = latest.current;
        tryBeep(soundFor(current, serverNow()));
      }, soundEveryS * 1000);
      return function stopRepeating() {
        clearInterval(timer);
      };
    },
    [soundEveryS],
  );
  return spoken;
}
