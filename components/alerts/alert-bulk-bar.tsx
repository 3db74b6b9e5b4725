"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { acknowledgeAlerts, showWork } from "@/lib/queries/alerts";
import { useT } from "@/lib/i18n/i18n-provider";
import { Button } from "@/components/ui/button";

/**
 * For people who may act: select every alert shown, or some, and acknowledge them together with
 * one note. Says how it went when some could not be (resolved meanwhile, gone).
 */
export function AlertBulkBar(props: {
  shownIds: readonly string[];
  selected: readonly string[];
  onSelect: (ids: string[]) => void;
}) {
  const t = useT("alerts");
  const client = useQueryClient();
  const [note, setNote] = useState("");
  const [outcome, setOutcome] = useState<string>();
  const bulk = useMutation({
    mutationFn: () => acknowledgeAlerts(props.selected, note.trim() || undefined),
    onSuccess: ({ results }) => {
      showWork(
        client,
        results.flatMap((result) => (result.item ? [result.item.work] : [])),
      );
      const done = results.filter((result) => result.outcome === "acknowledged").length;
      const refused = results.filter((result) => !result.item).length;
      const total = results.length;
      setOutcome(
        refused ? t("bulkDoneRefused", { done, total, refused }) : t("bulkDone", { done, total }),
      );
      setNote("");
      props.onSelect([]);
    },
  });
  const all = props.shownIds.length > 0 && props.selected.length === props.shownIds.length;
  return (
    <div className="flex flex-col gap-1.5 border-b border-slate-200 px-3 py-2 text-sm dark:border-slate-800">
      <label className="flex items-center gap-2">
        <input
          type="checkbox"
          checked={all}
          onChange={() => props.onSelect(all ? [] : [...props.shownIds])}
          className="size-4 accent-blue-700"
        />
        {t("selectAllShown", { n: props.shownIds.length })}
      </label>
      {props.selected.length > 0 ? (
        <div className="flex gap-2">
          <input
            type="text"
            aria-label={t("bulkNote")}
            placeholder={t("note")}
            value={note}
            maxLength={1000}
            onChange={(event) => setNote(event.target.value)}
            className="min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-2 py-1 focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:outline-none dark:border-slate-700 dark:bg-slate-900"
          />
          <Button disabled={bulk.isPending} onClick={() => bulk.mutate()}>
            {t("bulkAcknowledge", { n: props.selected.length })}
          </Button>
        </div>
      ) : null}
      {bulk.error ? (
        <p role="alert" className="text-red-800 dark:text-red-300">
          {bulk.error.message}
        </p>
      ) : null}
      {/* Always there, so a screen reader hears the outcome when it is written into it. */}
      <p role="status" className="text-slate-700 empty:hidden dark:text-slate-300">
        {bulk.error ? "" : outcome}
      </p>
    </div>
  );
}
