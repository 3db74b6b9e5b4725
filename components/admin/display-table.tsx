"use client";

import { useQuery } from "@tanstack/react-query";
import { useNow } from "@/components/dashboard/use-now";
import { useT } from "@/lib/i18n/i18n-provider";
import { displayQueries } from "@/lib/queries/displays";
import { DisplayRow } from "./display-row";

const HEAD =
  "px-3 py-2 text-start text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400";

/** Every display link with its state and when its screen was last seen, newest first. */
export function DisplayTable() {
  const { data, error, isPending } = useQuery(displayQueries.list());
  const now = useNow(30_000);
  const t = useT("admin");

  return (
    <section aria-labelledby="display-list-heading" className="space-y-3">
      <h2 id="display-list-heading" className="text-base font-semibold">
        {t("listHeading")}
      </h2>
      {isPending ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">{t("listLoading")}</p>
      ) : error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error.message}
        </p>
      ) : data.displays.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">{t("listEmpty")}</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
          <table className="w-full text-sm">
            <thead className="border-b border-slate-200 dark:border-slate-800">
              <tr>
                <th scope="col" className={HEAD}>
                  {t("colName")}
                </th>
                <th scope="col" className={HEAD}>
                  {t("colCreated")}
                </th>
                <th scope="col" className={HEAD}>
                  {t("colExpires")}
                </th>
                <th scope="col" className={HEAD}>
                  {t("colLastSeen")}
                </th>
                <th scope="col" className={HEAD}>
                  {t("colState")}
                </th>
                <th scope="col" className={HEAD}>
                  <span className="sr-only">{t("colActions")}</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
              {data.displays.map((display) => (
                <DisplayRow key={display.id} display={display} now={now} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
