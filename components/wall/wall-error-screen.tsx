"use client";

import { useEffect, useState } from "react";
import { describeError } from "@/components/ui/describe-error";
import type { Translate } from "@/lib/i18n/catalog";
import type { Messages } from "@/lib/i18n/messages";
import { ERROR_STREAK_KEY, planErrorReload, readStreak } from "./error-reload";
import { parseWallParams } from "./wall-params";

/** Any answer, even an error status, means the server is there to load the page again. */
async function serverAnswers(): Promise<boolean> {
  try {
    await fetch("/api/health", { cache: "no-store" });
    return true;
  } catch {
    return false;
  }
}

/**
 * What a wall screen shows when its page hit a render error: says so across the room, counts
 * down and reloads itself, waiting longer while errors repeat (error-reload.ts). It never reloads
 * into the browser's own error page: while the server does not answer, it counts down again.
 * Its words come as `t` (app/global-error.tsx has no I18nProvider).
 */
export function WallErrorScreen({ error, t }: { error: unknown; t: Translate<Messages["wall"]> }) {
  const [left, setLeft] = useState<number>();
  const [serverDown, setServerDown] = useState(false);

  useEffect(
    function logError() {
      console.error(`[wall] render error, reloading soon: ${describeError(error)}`);
    },
    [error],
  );
  useEffect(function reloadAfterDelay() {
    const params = parseWallParams(new URLSearchParams(window.location.search));
    document.documentElement.classList.toggle("dark", params.theme === "dark");
    const plan = planErrorReload(
      readStreak(window.sessionStorage.getItem(ERROR_STREAK_KEY)),
      Date.now(),
      params.errorReloadS,
    );
    let deadline = Date.now() + plan.delayS * 1000;
    let checking = false;
    let stopped = false;
    const tick = async () => {
      const remaining = Math.ceil((deadline - Date.now()) / 1000);
      setLeft(Math.max(0, remaining));
      if (remaining > 0 || checking) return;
      checking = true;
      const answers = await serverAnswers();
      checking = false;
      if (stopped) return;
      if (answers) {
        window.sessionStorage.setItem(ERROR_STREAK_KEY, JSON.stringify(plan.next));
        window.location.reload();
      } else {
        setServerDown(true);
        deadline = Date.now() + plan.delayS * 1000;
      }
    };
    const first = setTimeout(tick, 0);
    const timer = setInterval(tick, 1000);
    return function stopCountdown() {
      stopped = true;
      clearTimeout(first);
      clearInterval(timer);
    };
  }, []);

  return (
    <main
      role="alert"
      data-testid="wall-error"
      className="flex h-dvh flex-col items-center justify-center gap-4 bg-white p-8 text-center text-slate-950 dark:bg-black dark:text-white"
    >
      <p className="text-2xl font-black tracking-tight">Fleet Live</p>
      <h1 className="text-4xl font-bold">
        {left === undefined ? t("errorReloadingSoon") : t("errorReloadingIn", { n: left })}
      </h1>
      <p className="text-xl text-slate-700 dark:text-slate-300">
        {serverDown ? t("errorServerDown") : t("errorSelfReload")}
      </p>
    </main>
  );
}
