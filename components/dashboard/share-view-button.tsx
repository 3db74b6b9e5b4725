"use client";

import { useEffect, useRef, useState } from "react";
import { useT } from "@/lib/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

type Shared = "idle" | "copied" | "manual";

/**
 * Copies the address of this view (map position, filters, selection: all in the URL). Where the
 * browser refuses the clipboard (an insecure origin, a policy), the link is shown selected, to
 * copy by hand. It sits at the map's top right in every language (the map does not mirror), so
 * what it opens hangs from its right edge.
 */
export function ShareViewButton() {
  const t = useT("dashboard");
  const [state, setState] = useState<Shared>("idle");
  const [link, setLink] = useState("");
  const field = useRef<HTMLInputElement>(null);
  useEffect(
    function forgetCopiedAfterAWhile() {
      if (state !== "copied") return;
      const timer = setTimeout(() => setState("idle"), 3000);
      return () => clearTimeout(timer);
    },
    [state],
  );
  useEffect(
    function selectLinkToCopy() {
      if (state === "manual") field.current?.select();
    },
    [state],
  );
  const share = async () => {
    const href = window.location.href;
    setLink(href);
    try {
      await navigator.clipboard.writeText(href);
      setState("copied");
    } catch {
      setState("manual");
    }
  };
  return (
    <div className="relative">
      <Button onClick={() => void share()}>{t("shareCopy")}</Button>
      <span role="status" className="sr-only">
        {state === "copied" ? t("shareCopiedStatus") : ""}
      </span>
      {state === "copied" ? (
        <span
          aria-hidden="true"
          className="absolute top-full right-0 mt-1 rounded bg-slate-900 px-2 py-1 text-xs whitespace-nowrap text-white dark:bg-slate-100 dark:text-slate-900"
        >
          {t("shareCopied")}
        </span>
      ) : null}
      {state === "manual" ? (
        <div className="absolute top-full right-0 mt-1 flex w-80 flex-col gap-1 rounded-md border border-slate-200 bg-white p-2 text-xs shadow-md dark:border-slate-700 dark:bg-slate-900">
          <Field label={t("shareManual")} labelClassName="">
            {(control) => (
              <input
                {...control}
                ref={field}
                readOnly
                value={link}
                onBlur={() => setState("idle")}
                className="rounded border border-slate-300 bg-white px-1.5 py-1 font-mono dark:border-slate-700 dark:bg-slate-950"
              />
            )}
          </Field>
        </div>
      ) : null}
    </div>
  );
}
