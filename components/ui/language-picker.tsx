"use client";

import { useLocale, useT } from "@/lib/i18n/i18n-provider";
import {
  LOCALE_COOKIE,
  LOCALE_COOKIE_MAX_AGE_S,
  LOCALE_NAMES,
  LOCALES,
  isLocale,
} from "@/lib/i18n/locales";

/**
 * The language, remembered in a cookie for a year. The server renders every page in it (text,
 * `lang`, `dir` on <html>, which a soft refresh does not update), so a change reloads the page;
 * the URL keeps the view and the live feed resumes.
 */
export function LanguagePicker({ className = "" }: { className?: string }) {
  const locale = useLocale();
  const t = useT("common");
  return (
    <select
      aria-label={t("language")}
      value={locale}
      onChange={(event) => {
        const next = event.target.value;
        if (!isLocale(next)) return;
        document.cookie = `${LOCALE_COOKIE}=${next}; path=/; max-age=${LOCALE_COOKIE_MAX_AGE_S}; samesite=lax`;
        window.location.reload();
      }}
      className={`rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900 focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:outline-none dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 ${className}`}
    >
      {LOCALES.map((code) => (
        <option key={code} value={code} lang={code}>
          {LOCALE_NAMES[code]}
        </option>
      ))}
    </select>
  );
}
