"use client";

import { useT } from "@/lib/i18n/i18n-provider";

/** The small "Nearest" button beside a fence or an alert; its accessible name says to what. */
export function NearestButton({ label, onClick }: { label: string; onClick: () => void }) {
  const t = useT("fleet");
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      onClick={onClick}
      className="shrink-0 px-2.5 text-xs font-medium text-blue-800 hover:bg-slate-100 hover:underline focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:outline-none focus-visible:ring-inset dark:text-blue-300 dark:hover:bg-slate-800/60"
    >
      {t("nearest")}
    </button>
  );
}
