"use client";

import { useState, type ReactNode } from "react";
import { HealthStatus } from "@/components/health-status";
import { Button } from "@/components/ui/button";
import { LanguagePicker } from "@/components/ui/language-picker";
import type { StatusCounts } from "@/components/fleet/vehicle-filter";
import { useT } from "@/lib/i18n/i18n-provider";
import type { SpeedUnits, Theme } from "@/lib/queries/url-state";
import { FeedIndicator } from "./feed-indicator";
import { FleetSummary } from "./fleet-summary";

/**
 * The dashboard's top bar. Feed state and counts are always in view; on a phone the settings
 * and the account fold into a menu so the bar stays one screen wide.
 */
export function DashboardHeader(props: {
  compact: boolean;
  totals: StatusCounts;
  total: number;
  units: SpeedUnits;
  onUnits: (units: SpeedUnits) => void;
  theme: Theme;
  onTheme: (theme: Theme) => void;
  accountBar: ReactNode;
  /** Opens replay (dispatchers and up; absent while replaying). */
  onReplay?: () => void;
}) {
  const t = useT("shell");
  const tc = useT("common");
  const [menuOpen, setMenuOpen] = useState(false);
  const settings = (
    <>
      {props.onReplay ? <Button onClick={props.onReplay}>{t("replay")}</Button> : null}
      <div role="group" aria-label={t("speedUnits")} className="flex" dir="ltr">
        {(["kmh", "mph"] as const).map((units) => (
          <Button
            key={units}
            aria-pressed={props.units === units}
            onClick={() => props.onUnits(units)}
            className="px-2 first:rounded-r-none last:rounded-l-none"
          >
            {t(units)}
          </Button>
        ))}
      </div>
      <Button
        aria-pressed={props.theme === "dark"}
        onClick={() => props.onTheme(props.theme === "dark" ? "light" : "dark")}
      >
        {t("darkTheme")}
      </Button>
      <LanguagePicker />
      <HealthStatus />
      {props.accountBar}
    </>
  );
  return (
    <header className="relative flex flex-wrap items-center gap-x-4 gap-y-2 border-b border-slate-200 bg-white px-4 py-2 max-sm:gap-x-2 max-sm:px-2 dark:border-slate-800 dark:bg-slate-900">
      <h1 className="text-lg font-bold tracking-tight max-sm:text-base">{tc("appName")}</h1>
      <FeedIndicator />
      {props.compact ? (
        <>
          <Button
            aria-expanded={menuOpen}
            aria-controls="dashboard-menu"
            onClick={() => setMenuOpen((open) => !open)}
            className="ms-auto"
          >
            {t("menu")}
          </Button>
          <FleetSummary counts={props.totals} total={props.total} />
          {menuOpen ? (
            <div
              id="dashboard-menu"
              className="absolute inset-x-0 top-full z-[1100] flex flex-wrap items-center gap-3 border-b border-slate-200 bg-white p-3 shadow-md dark:border-slate-800 dark:bg-slate-900"
            >
              {settings}
            </div>
          ) : null}
        </>
      ) : (
        <>
          <FleetSummary counts={props.totals} total={props.total} />
          <div className="ms-auto flex flex-wrap items-center gap-3">{settings}</div>
        </>
      )}
    </header>
  );
}
