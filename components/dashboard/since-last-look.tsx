"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { LookLine, SinceLastLook } from "@/lib/fleet/history";
import { useFormat, useT } from "@/lib/i18n/i18n-provider";
import type { Messages } from "@/lib/i18n/messages";
import { historyQueries, recordLastLook } from "@/lib/queries/history";
import { Button } from "@/components/ui/button";

/** While the dashboard is open, the server hears "still looking" this often. */
const LOOKING_EVERY_MS = 5 * 60_000;

const SECTIONS: Array<{
  key: keyof Omit<SinceLastLook, "since" | "now">;
  title: keyof Messages["dashboard"];
}> = [
  { key: "newAlerts", title: "sinceNewAlerts" },
  { key: "openAlerts", title: "sinceOpenAlerts" },
  { key: "restrictedEntries", title: "sinceRestrictedEntries" },
  { key: "wentOffline", title: "sinceWentOffline" },
  { key: "cameBack", title: "sinceCameBack" },
  { key: "tripsStarted", title: "sinceTripsStarted" },
  { key: "tripsEnded", title: "sinceTripsEnded" },
];

/**
 * "Since you last looked": on opening the dashboard, what happened since this person last had it
 * open (alerts, vehicles gone offline or back, restricted-zone entries, trips), each line one
 * click from the map. The last look is recorded once the summary is read, every few minutes
 * while the dashboard stays open, and at sign-out.
 */
export function SinceLastLookDialog({ onShow }: { onShow: (line: LookLine) => void }) {
  const t = useT("dashboard");
  const { data, isFetched } = useQuery(historyQueries.sinceLastLook());
  const [dismissed, setDismissed] = useState(false);

  useEffect(() => {
    if (!isFetched) return;
    void recordLastLook();
    const timer = setInterval(() => void recordLastLook(), LOOKING_EVERY_MS);
    return () => clearInterval(timer);
  }, [isFetched]);

  const sections = SECTIONS.map((section) => ({
    key: section.key,
    title: t(section.title),
    lines: data && data.since !== null ? data[section.key] : [],
  })).filter((section) => section.lines.length > 0);
  // What became of the summary, for whoever waits on it (e2e): loading, none, shown, dismissed.
  const state = !isFetched
    ? "loading"
    : sections.length === 0
      ? "none"
      : dismissed
        ? "dismissed"
        : "shown";
  return (
    <div data-testid="since-last-look" data-state={state}>
      {state === "shown" ? (
        <Summary
          sections={sections}
          since={data!.since!}
          onShow={onShow}
          onDismiss={() => setDismissed(true)}
        />
      ) : null}
    </div>
  );
}

function Summary({
  sections,
  since,
  onShow,
  onDismiss,
}: {
  sections: Array<{ key: string; title: string; lines: LookLine[] }>;
  since: number;
  onShow: (line: LookLine) => void;
  onDismiss: () => void;
}) {
  const t = useT("dashboard");
  const format = useFormat();
  return (
    <section
      role="dialog"
      aria-modal="false"
      aria-labelledby="since-last-look-title"
      className="absolute top-14 left-1/2 z-[1000] flex max-h-[70vh] w-[28rem] -translate-x-1/2 flex-col rounded-lg border border-slate-300 bg-white shadow-xl dark:border-slate-700 dark:bg-slate-900"
    >
      <header className="flex items-center justify-between gap-2 border-b border-slate-200 px-3 py-2 dark:border-slate-800">
        <h2 id="since-last-look-title" className="font-semibold">
          {t("sinceTitle")}{" "}
          <span className="text-sm font-normal text-slate-600 dark:text-slate-300">
            ({format.clock(since)})
          </span>
        </h2>
        <Button onClick={onDismiss}>{t("sinceDismiss")}</Button>
      </header>
      <div className="min-h-0 overflow-y-auto px-3 py-2 text-sm">
        {sections.map((section) => (
          <section key={section.key} aria-label={section.title} className="mb-2">
            <h3 className="text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-300">
              {t("sinceSection", { title: section.title, n: section.lines.length })}
            </h3>
            <ul>
              {section.lines.map((line, i) => (
                <li key={`${line.at}-${line.deviceId ?? line.fenceId ?? i}-${i}`}>
                  <button
                    type="button"
                    onClick={() => onShow(line)}
                    className="flex w-full gap-2 rounded px-1 py-0.5 text-start hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:outline-none dark:hover:bg-slate-800"
                  >
                    <span className="shrink-0 text-slate-600 tabular-nums dark:text-slate-300">
                      {format.clock(line.at)}
                    </span>
                    <span className="min-w-0">
                      {line.name ? <span className="font-medium">{line.name}</span> : null}
                      {line.name ? " · " : ""}
                      {line.text}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </section>
  );
}
