import type { ComponentProps } from "react";

const BASE =
  "inline-flex items-center justify-center gap-1.5 rounded-md border px-3 py-1.5 text-sm font-medium focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:outline-none disabled:opacity-60";

const TONE = {
  normal:
    "border-slate-300 bg-white text-slate-900 hover:bg-slate-100 aria-pressed:border-blue-700 aria-pressed:bg-blue-700 aria-pressed:text-white dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800 dark:aria-pressed:border-blue-400 dark:aria-pressed:bg-blue-400 dark:aria-pressed:text-slate-950",
  // For the one irreversible click after a confirm step (revoking a display link).
  danger:
    "border-red-700 bg-red-700 text-white hover:bg-red-800 dark:border-red-500 dark:bg-red-600 dark:hover:bg-red-700",
} as const;

/**
 * The dashboard's one button look; `aria-pressed` buttons show their state, `tone="danger"`
 * marks a destructive action. Takes a `ref`.
 */
export function Button({
  className = "",
  tone = "normal",
  ...props
}: ComponentProps<"button"> & { tone?: keyof typeof TONE }) {
  return <button type="button" {...props} className={`${BASE} ${TONE[tone]} ${className}`} />;
}
