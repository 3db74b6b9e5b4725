"use client";

import { useEffect } from "react";
import type { Translate } from "@/lib/i18n/catalog";
import type { Messages } from "@/lib/i18n/messages";
import { Button } from "./button";
import { describeError } from "./describe-error";
import { StatusScreen, STATUS_LINK } from "./status-screen";

/**
 * A page that hit an error it did not catch itself: a readable message, "Try again" and a way
 * back to the map, never a blank page. The error is logged once, without its details
 * (describe-error.ts). Its words come as `t` (app/global-error.tsx has no I18nProvider).
 */
export function ErrorScreen({
  error,
  onRetry,
  t,
  retry,
}: {
  error: unknown;
  onRetry: () => void;
  t: Translate<Messages["pages"]>;
  /** "Try again", from the common namespace. */
  retry: string;
}) {
  useEffect(
    function logError() {
      console.error(`[page] render error: ${describeError(error)}`);
    },
    [error],
  );
  return (
    <StatusScreen
      kicker={t("errorKicker")}
      title={t("errorTitle")}
      actions={
        <>
          <Button onClick={onRetry}>{retry}</Button>
          {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- a full load, not a client navigation: whatever broke starts afresh */}
          <a href="/" className={STATUS_LINK}>
            {t("reloadMap")}
          </a>
        </>
      }
    >
      <title>{t("errorDocTitle")}</title>
      <p>{t("errorText")}</p>
    </StatusScreen>
  );
}
