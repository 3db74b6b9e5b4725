"use client";

import { useEffect } from "react";
import { signInAgain } from "./sign-in-again";

const PING_EVERY_MS = 60_000;

/**
 * Tells the server the person is here, so the idle timeout counts human activity and not the
 * map's own polling: a page load, a click, a key or a scroll reads the session (which refreshes
 * its `lastSeen`), at most once a minute. When the idle time has passed without any, one more
 * read finds the session gone and returns to the sign-in page.
 */
export function SessionActivity({ idleS }: { idleS: number }) {
  useEffect(
    function reportActivity() {
      let lastPing = 0;
      let expiryCheck: ReturnType<typeof setTimeout> | undefined;

      async function ping(force = false) {
        const now = Date.now();
        if (!force && now - lastPing < PING_EVERY_MS) return;
        lastPing = now;
        const session = (await fetch("/api/auth/session", { cache: "no-store" })
          .then((response) => response.json())
          .catch(() => undefined)) as { user?: unknown } | undefined;
        if (session && !session.user) {
          signInAgain();
          return;
        }
        clearTimeout(expiryCheck);
        expiryCheck = setTimeout(() => void ping(true), idleS * 1000 + 1000);
      }

      const onActivity = () => void ping();
      const events = ["pointerdown", "keydown", "wheel", "touchstart"] as const;
      for (const name of events) window.addEventListener(name, onActivity, { passive: true });
      void ping(true);
      return function stopReportingActivity() {
        for (const name of events) window.removeEventListener(name, onActivity);
        clearTimeout(expiryCheck);
      };
    },
    [idleS],
  );
  return null;
}
