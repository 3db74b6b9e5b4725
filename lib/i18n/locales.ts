/**
 * The languages Fleet Live speaks, and how a request picks one: the remembered choice (a cookie
 * set by the language picker), else the browser's Accept-Language, else English. Isomorphic.
 */
export const LOCALES = ["en", "es", "ar"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

/** Set by the language picker; a year, so a wall screen or a tablet keeps its language. */
export const LOCALE_COOKIE = "fl-locale";
export const LOCALE_COOKIE_MAX_AGE_S = 365 * 24 * 3600;

/** Each language's own name, as the picker shows it. */
export const LOCALE_NAMES: Record<Locale, string> = {
  en: "English",
  es: "Español",
  ar: "العربية",
};

/**
 * The tag given to `Intl` for each language. Arabic is written with Arabic-Indic digits
 * (١٢٣): recent CLDR defaults bare "ar" to Latin digits, which would make Arabic numbers look
 * English; the explicit numbering system also keeps the server's and the browser's output equal.
 */
export const INTL_TAG: Record<Locale, string> = { en: "en", es: "es", ar: "ar-u-nu-arab" };

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

export function localeDir(locale: Locale): "ltr" | "rtl" {
  return locale === "ar" ? "rtl" : "ltr";
}

/**
 * The first supported language in an Accept-Language header, by quality then order
 * ("es-MX,es;q=0.9,en;q=0.8" → es). Region and script subtags are ignored.
 */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(",")
    .map((part, order) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const quality = q === undefined ? 1 : Number(q.slice(2));
      return { language: tag.split("-")[0]!.toLowerCase(), quality, order };
    })
    .filter((entry) => Number.isFinite(entry.quality) && entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.order - b.order);
  return ranked.find((entry) => isLocale(entry.language))?.language as Locale | undefined;
}

export function pickLocale(
  cookie: string | undefined,
  acceptLanguage: string | null | undefined,
): Locale {
  if (isLocale(cookie)) return cookie;
  return localeFromAcceptLanguage(acceptLanguage) ?? DEFAULT_LOCALE;
}
