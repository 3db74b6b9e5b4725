"use client";

import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { useT } from "@/lib/i18n/i18n-provider";

type CopyState = "idle" | "copied" | "failed";

/**
 * Copies `text` to the clipboard. The button's name never changes (tests and screen readers
 * find it by name); the outcome is announced beside it. Where the clipboard is refused (an
 * http address other than localhost), the text is shown selected, ready for Ctrl+C.
 */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [state, setState] = useState<CopyState>("idle");
  const fallback = useRef<HTMLInputElement>(null);
  const t = useT("admin");

  useEffect(
    function forgetCopiedNote() {
      if (state !== "copied") return;
      const timer = setTimeout(() => setState("idle"), 2500);
      return function keepNote() {
        clearTimeout(timer);
      };
    },
    [state],
  );

  useEffect(
    function selectFallback() {
      if (state === "failed") fallback.current?.select();
    },
    [state],
  );

  return (
    <span className="inline-flex items-center gap-2">
      <Button
        onClick={() => {
          if (!navigator.clipboard) return setState("failed");
          navigator.clipboard.writeText(text).then(
            () => setState("copied"),
            () => setState("failed"),
          );
        }}
      >
        {label}
      </Button>
      <span role="status" className="text-xs text-slate-600 dark:text-slate-400">
        {state === "copied" ? t("copied") : ""}
      </span>
      {state === "failed" ? (
        <input
          ref={fallback}
          readOnly
          dir="ltr"
          value={text}
          aria-label={t("copyBlocked")}
          className="w-56 rounded-md border border-slate-300 bg-white px-2 py-1 font-mono text-xs dark:border-slate-700 dark:bg-slate-950"
        />
      ) : null}
    </span>
  );
}
