"use client";

import { usePathname } from "next/navigation";
import { useSyncExternalStore } from "react";
import { ErrorScreen } from "@/components/ui/error-screen";
import { WallErrorScreen } from "@/components/wall/wall-error-screen";
import { translator } from "@/lib/i18n/catalog";
import {
  DEFAULT_LOCALE,
  LOCALE_COOKIE,
  localeDir,
  pickLocale,
  type Locale,
} from "@/lib/i18n/locales";
import { common } from "@/lib/i18n/messages/common";
import { pages } from "@/lib/i18n/messages/pages";
import { wall } from "@/lib/i18n/messages/wall";
import "./globals.css";

const noChange = () => () => {};

/** The root layout (and its I18nProvider) failed: the language from the cookie or the browser. */
function browserLocale(): Locale {
  const cookie = document.cookie
    .split("; ")
    .find((part) => part.startsWith(`${LOCALE_COOKIE}=`))
    ?.slice(LOCALE_COOKIE.length + 1);
  return pickLocale(cookie, navigator.languages.join(","));
}

/**
 * The last boundary: the root layout itself failed, so this page brings its own <html> and its
 * own words (only this page's three namespaces). A wall screen still reloads itself; anyone else
 * gets a message and "Try again".
 */
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  const wallScreen = usePathname()?.startsWith("/wall") ?? false;
  const locale = useSyncExternalStore(noChange, browserLocale, () => DEFAULT_LOCALE);
  return (
    <html lang={locale} dir={localeDir(locale)}>
      <body className="bg-slate-50 font-sans text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
        {wallScreen ? (
          <WallErrorScreen error={error} t={translator(locale, wall[locale])} />
        ) : (
          <ErrorScreen
            error={error}
            onRetry={retry}
            t={translator(locale, pages[locale])}
            retry={common[locale].retry}
          />
        )}
      </body>
    </html>
  );
}
