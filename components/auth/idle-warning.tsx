"use client";

import { useEffect, useRef } from "react";
import { useNow } from "@/components/dashboard/use-now";
import { useFormat, useT } from "@/lib/i18n/i18n-provider";
import { INTL_TAG } from "@/lib/i18n/locales";
import { SignOutButton } from "./sign-out-button";

/**
 * "You will be signed out": a modal alert dialog before an idle sign-out. Focus moves to "Stay
 * signed in"; Escape stays signed in too (the person is evidently there); "Sign out" leaves now.
 */
export function IdleWarning({ endsAt, onStay }: { endsAt: number; onStay: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const stayButton = useRef<HTMLButtonElement>(null);
  const closing = useRef(false);
  const now = useNow(1000);
  const t = useT("auth");
  const format = useFormat();

  useEffect(function openModally() {
    const element = dialog.current;
    if (!element) return;
    if (!element.open) element.showModal();
    stayButton.current?.focus();
    return function closeWarning() {
      closing.current = true;
      element.close();
    };
  }, []);

  const leftS = Math.max(0, Math.ceil((endsAt - now) / 1000));
  const twoDigits = new Intl.NumberFormat(INTL_TAG[format.locale], { minimumIntegerDigits: 2 });
  const left = `${format.number(Math.floor(leftS / 60))}:${twoDigits.format(leftS % 60)}`;
  const [before, after] = t("idleText").split("{left}");
  return (
    <dialog
      ref={dialog}
      role="alertdialog"
      aria-labelledby="idle-warning-title"
      aria-describedby="idle-warning-text"
      onCancel={(event) => {
        event.preventDefault();
        onStay();
      }}
      // Chromium may close a modal dialog on Escape without a cancelable cancel event.
      onClose={() => {
        if (!closing.current) onStay();
      }}
      className="m-auto w-[26rem] max-w-[calc(100vw-2rem)] rounded-lg border border-slate-300 bg-white p-4 text-slate-900 shadow-xl backdrop:bg-slate-950/40 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
    >
      <h2 id="idle-warning-title" className="text-lg font-semibold">
        {t("idleTitle")}
      </h2>
      <p id="idle-warning-text" className="mt-2 text-sm">
        {before}
        <span className="font-semibold tabular-nums">{left}</span>
        {after}
      </p>
      <div className="mt-4 flex justify-end gap-2">
        <SignOutButton />
        <button
          ref={stayButton}
          type="button"
          onClick={onStay}
          className="rounded-md border border-blue-700 bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800 focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:ring-offset-2 focus-visible:outline-none dark:border-blue-500 dark:bg-blue-600 dark:hover:bg-blue-700"
        >
          {t("stay")}
        </button>
      </div>
    </dialog>
  );
}
