"use client";

import { useEffect, useState, useSyncExternalStore } from "react";
import type { HealthDetails } from "@/lib/fleet/health";
import { BURN_IN_STEP_MS, burnInOffset, reloadReason } from "./unattended";

const RELOAD_CHECK_MS = 60_000;

/** The JS heap in use, where the browser tells (Chromium's performance.memory). */
function heapBytes(): number | undefined {
  const memory = (performance as Performance & { memory?: { usedJSHeapSize?: number } }).memory;
  return memory?.usedJSHeapSize;
}

/**
 * Once a minute: asks the server which build it runs and reloads the page after a deployment,
 * or when the page's heap has grown past `maxHeapMb` (see reloadReason). Never while the server
 * is unreachable.
 */
export function useSelfReload(pageBuild: string, maxHeapMb: number) {
  useEffect(
    function checkForReload() {
      const loadedAt = Date.now();
      let stopped = false;
      const timer = setInterval(async () => {
        let serverBuild: string | undefined;
        try {
          const response = await fetch("/api/health", { cache: "no-store" });
          if (response.ok) serverBuild = ((await response.json()) as Partial<HealthDetails>).build;
        } catch {
          // Unreachable: stay, and keep showing the last data with its age.
        }
        const reason = reloadReason({
          pageBuild,
          serverBuild,
          heapBytes: heapBytes(),
          maxHeapBytes: maxHeapMb * 1024 * 1024,
          pageAgeMs: Date.now() - loadedAt,
        });
        if (reason && !stopped) {
          console.info(`[wall] reloading: ${reason}`);
          window.location.reload();
        }
      }, RELOAD_CHECK_MS);
      return function stopChecking() {
        stopped = true;
        clearInterval(timer);
      };
    },
    [pageBuild, maxHeapMb],
  );
}

export type WakeLockState = "on" | "off" | "unavailable";

/**
 * Keeps the screen awake where the browser allows (Screen Wake Lock API), asking again whenever
 * the page becomes visible, since the browser releases the lock when it is hidden.
 */
export function useWakeLock(): WakeLockState {
  const [state, setState] = useState<WakeLockState>("off");
  useEffect(function holdWakeLock() {
    const wakeLock = (navigator as Navigator & { wakeLock?: WakeLock }).wakeLock;
    if (!wakeLock) {
      void Promise.resolve().then(() => setState("unavailable"));
      return;
    }
    let sentinel: WakeLockSentinel | undefined;
    let stopped = false;
    const request = async () => {
      if (stopped || document.visibilityState !== "visible" || (sentinel && !sentinel.released)) {
        return;
      }
      try {
        sentinel = await wakeLock.request("screen");
        setState("on");
        sentinel.addEventListener("release", () => {
          if (!stopped) setState("off");
        });
      } catch {
        setState("unavailable");
      }
    };
    void request();
    document.addEventListener("visibilitychange", request);
    // A lock can also be dropped while visible (battery saver): ask again now and then.
    const retry = setInterval(request, 60_000);
    return function releaseWakeLock() {
      stopped = true;
      document.removeEventListener("visibilitychange", request);
      clearInterval(retry);
      void sentinel?.release().catch(() => undefined);
    };
  }, []);
  return state;
}

/** The burn-in offset now, in rem, moving one step every few minutes. */
export function useBurnInOffset(): { x: number; y: number } {
  const [offset, setOffset] = useState({ x: 0, y: 0 });
  useEffect(function orbit() {
    const move = () => setOffset(burnInOffset(Date.now()));
    const first = setTimeout(move, 0);
    const timer = setInterval(move, BURN_IN_STEP_MS / 6);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, []);
  return offset;
}

function onResize(listener: () => void) {
  window.addEventListener("resize", listener);
  return () => window.removeEventListener("resize", listener);
}

/** How much larger map symbols are drawn: 1.5× on a 1080p screen, 3× at 4K, never below 1. */
export function useSymbolScale(): number {
  return useSyncExternalStore(
    onResize,
    () => Math.min(3, Math.max(1, window.innerWidth / 1280)),
    () => 1,
  );
}
