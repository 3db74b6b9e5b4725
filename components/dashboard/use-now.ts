"use client";

import { useEffect, useState } from "react";
import { feedConnection } from "@/lib/queries/feed-connection";

/** The current time, refreshed every `intervalMs`: for ages and relative times. */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(
    function tick() {
      const timer = setInterval(() => setNow(Date.now()), intervalMs);
      return function stopTicking() {
        clearInterval(timer);
      };
    },
    [intervalMs],
  );
  return now;
}

/** The server's clock as this tab estimates it (see estimateClockOffset). */
export function serverNow(): number {
  return Date.now() + feedConnection.get().clockOffsetMs;
}

export function useServerNow(intervalMs = 1000): number {
  return useNow(intervalMs) + feedConnection.get().clockOffsetMs;
}
