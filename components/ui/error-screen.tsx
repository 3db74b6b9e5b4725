"use client";

import { useEffect } from "react";
import { Button } from "./button";
import { describeError } from "./describe-error";
import { StatusScreen, STATUS_LINK } from "./status-screen";

/**
 * A page that hit an error it did not catch itself: a readable message, "Try again" and a way
 * back to the map, never a blank page. The error is logged once, without its details
 * (describe-error.ts).
 */
export function ErrorScreen({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  useEffect(
    function logError() {
      console.error(`[page] render error: ${describeError(error)}`);
    },
    [error],
  );
  return (
    <StatusScreen
      kicker="error"
      title="Something went wrong"
      actions={
        <>
          <Button onClick={onRetry}>Try again</Button>
          {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- a full load, not a client navigation: whatever broke starts afresh */}
          <a href="/" className={STATUS_LINK}>
            Reload the map
          </a>
        </>
      }
    >
      <title>Something went wrong · Fleet Live</title>
      <p>This page hit an error and could not be shown. Nothing you saved is lost.</p>
    </StatusScreen>
  );
}
