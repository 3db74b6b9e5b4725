import type { ReactNode } from "react";

/** A whole-page message (not found, an error) in the app's look: never a blank page. */
export function StatusScreen(props: {
  /** Small print above the title, e.g. "404". */
  kicker?: string;
  title: string;
  children: ReactNode;
  actions: ReactNode;
}) {
  return (
    <main className="flex min-h-dvh items-center justify-center p-6">
      <div className="w-full max-w-md rounded-xl border border-slate-200 bg-white p-8 shadow-sm dark:border-slate-800 dark:bg-slate-900">
        <p className="mb-1 text-sm font-semibold text-slate-600 dark:text-slate-400">
          Fleet Live{props.kicker ? ` · ${props.kicker}` : ""}
        </p>
        <h1 className="mb-2 text-2xl font-bold">{props.title}</h1>
        <div className="mb-6 text-slate-700 dark:text-slate-300">{props.children}</div>
        <div className="flex flex-wrap items-center gap-3">{props.actions}</div>
      </div>
    </main>
  );
}

/** The link look of StatusScreen's actions. */
export const STATUS_LINK =
  "text-sm font-medium text-blue-700 underline-offset-2 hover:underline focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:outline-none dark:text-blue-400";
