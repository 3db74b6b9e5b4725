"use client";

import { useEffect, useRef, useState } from "react";
import type { SessionTimes } from "@/lib/fleet/access";
import { feedConnection } from "@/lib/queries/feed-connection";
import { IdleWarning } from "./idle-warning";
import {
  presenceStep,
  presenceTiming,
  receivingFeed,
  warningDue,
  type PresenceState,
} from "./presence-rule";
import { signInAgain } from "./sign-in-again";

const INPUTS = ["pointerdown", "keydown", "wheel", "touchstart"] as const;

/**
 * Keeps the session while someone is there, and only then (presence-rule.ts): a visible page
 * receiving the live feed, a page load, a click, a key or a scroll reports presence, which
 * slides the idle window on the server; a hidden or unused page does not, warns before the idle
 * sign-out with "Stay signed in", and returns to the sign-in page once the server says the
 * session has ended.
 */
export function SessionPresence({ idleS }: { idleS: number }) {
  const [warnUntil, setWarnUntil] = useState<number | null>(null);
  const stay = useRef<() => void>(() => undefined);

  useEffect(
    function keepSessionWhilePresent() {
      const timing = presenceTiming(idleS);
      const loadedAt = Date.now();
      const state: PresenceState = {
        idleEndsAt: loadedAt + idleS * 1000,
        presentAt: 0,
        checkedAt: 0,
        answeredAt: loadedAt,
      };
      /** The send time of the answer `state` holds: an older answer arriving later is ignored. */
      let basedOn = 0;
      let checking = false;
      let ended = false;

      const show = () =>
        setWarnUntil(warningDue(state, Date.now(), timing) ? state.idleEndsAt : null);

      async function send(present: boolean) {
        const sentAt = Date.now();
        if (present) state.presentAt = sentAt;
        else if (checking) return;
        else {
          checking = true;
          state.checkedAt = sentAt;
        }
        try {
          const response = await fetch("/api/me/presence", {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ present }),
            cache: "no-store",
          });
          if (response.status === 401) {
            ended = true;
            signInAgain();
            return;
          }
          if (!response.ok || sentAt < basedOn) return;
          const { idleEndsInS } = (await response.json()) as SessionTimes;
          basedOn = sentAt;
          // Counted from the send time, so this tab never believes it has more time than it has.
          state.idleEndsAt = sentAt + idleEndsInS * 1000;
          state.answeredAt = Date.now();
          show();
        } catch {
          // Offline for a moment: the next step tries again.
        } finally {
          if (!present) checking = false;
        }
      }

      function step() {
        if (ended) return;
        const now = Date.now();
        const page = {
          visible: document.visibilityState === "visible",
          receiving: receivingFeed(feedConnection.get(), now),
        };
        const next = presenceStep(state, now, page, timing);
        if (next !== "wait") void send(next === "report");
        show();
      }

      const onInput = () => {
        // While the warning is open only its buttons answer it (a Tab to "Sign out" is not "stay").
        if (ended || warningDue(state, Date.now(), timing)) return;
        if (Date.now() - state.presentAt >= timing.reportEveryMs) void send(true);
      };
      stay.current = () => {
        // Closed at once; the server's answer confirms (or a 401 leaves for the sign-in page).
        basedOn = Date.now();
        state.idleEndsAt = basedOn + idleS * 1000;
        show();
        void send(true);
      };

      for (const name of INPUTS) window.addEventListener(name, onInput, { passive: true });
      document.addEventListener("visibilitychange", step);
      const timer = setInterval(step, 1000);
      void send(true); // a page load is a person's doing
      return function stopKeepingSession() {
        for (const name of INPUTS) window.removeEventListener(name, onInput);
        document.removeEventListener("visibilitychange", step);
        clearInterval(timer);
      };
    },
    [idleS],
  );

  return warnUntil === null ? null : (
    <IdleWarning endsAt={warnUntil} onStay={() => stay.current()} />
  );
}
