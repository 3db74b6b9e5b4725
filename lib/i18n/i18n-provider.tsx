"use client";

import { createContext, useContext, useMemo, type ReactNode } from "react";
import { createFormat, type Format } from "@/components/fleet/format";
import { translator, type Translate } from "./catalog";
import type { Locale } from "./locales";
import type { Messages, NamespaceName } from "./messages";

type I18n = { locale: Locale; messages: Messages; format: Format };
const I18nContext = createContext<I18n | null>(null);

/** Given by the root layout: this request's language and only its messages. */
export function I18nProvider({
  locale,
  messages,
  children,
}: {
  locale: Locale;
  messages: Messages;
  children: ReactNode;
}) {
  const value = useMemo(
    () => ({ locale, messages, format: createFormat(locale, messages.format) }),
    [locale, messages],
  );
  return <I18nContext value={value}>{children}</I18nContext>;
}

function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error("useT/useFormat outside I18nProvider (app/layout.tsx gives it)");
  return i18n;
}

export function useLocale(): Locale {
  return useI18n().locale;
}

/** `t(key, vars)` for one namespace, in the page's language. */
export function useT<N extends NamespaceName>(namespace: N): Translate<Messages[N]> {
  const { locale, messages } = useI18n();
  return useMemo(
    () => translator<Messages[N]>(locale, messages[namespace]),
    [locale, messages, namespace],
  );
}

/** Numbers, speeds, distances, ages and times in the page's language. */
export function useFormat(): Format {
  return useI18n().format;
}
