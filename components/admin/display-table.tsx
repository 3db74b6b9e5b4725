"use client";

import { useQuery } from "@tanstack/react-query";
import { useNow } from "@/components/dashboard/use-now";
import { displayQueries } from "@/lib/queries/displays";
import { DisplayRow } from "./display-row";

const HEAD = "px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-500";

/** Every display link with its state and when its screen was last seen, newest first. */
export function DisplayTable() {
  const { data, error, isPending } = useQuery(displayQueries.list());
  const now = useNow(30_000);

  return (
    <section aria-labelledby="display-list-heading" className="space-y-3">
      <h2 id="display-list-heading" className="text-base font-semibold">
        Links
      </h2>
      {isPending ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">Loading display links…</p>
      ) : error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error.message}
        </p>
      ) : data.displays.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          No display links yet. Create one above for each wall screen.
        </p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
          <table className="w-full text-sm">
            <thead className="border-b border-slate-200 dark:border-slate-800">
              <tr>
                <th scope="col" className={HEAD}>
                  Name
                </th>
                <th scope="col" className={HEAD}>
                  Created
                </th>
                <th scope="col" className={HEAD}>
                  Expires
                </th>
                <th scope="col" className={HEAD}>
                  Last seen
                </th>
                <th scope="col" className={HEAD}>
                  State
                </th>
                <th scope="col" className={HEAD}>
                  <span className="sr-only">Actions</span>
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
