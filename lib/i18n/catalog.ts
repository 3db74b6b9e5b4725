/**
 * What a message catalog is. The tables are data, one JSON file a language a namespace
 * (`messages/<locale>/<namespace>.json`); English is written first and is the shape. A namespace
 * module joins its languages with `defineNamespace`, so a Spanish or Arabic table that misses a
 * key, or makes a plural of a plain string, does not compile; `catalog.test.ts` checks the rest
 * at run time: no extra keys, the same placeholders, only plural forms the language has.
 *
 * A message is a string with `{name}` placeholders, or plural forms chosen by
 * `Intl.PluralRules` on the `n` variable (Arabic uses all six: zero, one, two, few, many, other).
 */
import { INTL_TAG, type Locale } from "./locales";

export type Plural = {
  zero?: string;
  one?: string;
  two?: string;
  few?: string;
  many?: string;
  other: string;
};
export type Message = string | Plural;
export type Namespace = Record<string, Message>;

export type Translation<T extends Namespace> = {
  [K in keyof T]: T[K] extends string ? string : Plural;
};

/** One namespace in every language, English's shape checked on the others. */
export function defineNamespace<T extends Namespace>(
  en: T,
  translations: { [L in Exclude<Locale, "en">]: Translation<T> },
): { en: T } & { [L in Exclude<Locale, "en">]: Translation<T> } {
  return { en, ...translations };
}

export type Vars = Record<string, string | number>;

/**
 * Fills a message: picks the plural form for `vars.n`, then replaces each `{name}`; numbers are
 * written in the locale's digits and grouping. An unknown placeholder stays visible as `{name}`.
 */
export function fill(locale: string, message: Message, vars?: Vars): string {
  const text =
    typeof message === "string"
      ? message
      : (message[pluralRules(locale).select(Number(vars?.n ?? 0))] ?? message.other);
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = vars[name];
    if (value === undefined) return whole;
    return typeof value === "number" ? numberFormat(locale).format(value) : value;
  });
}

const pluralCache = new Map<string, Intl.PluralRules>();
function pluralRules(locale: string): Intl.PluralRules {
  let rules = pluralCache.get(locale);
  if (!rules) pluralCache.set(locale, (rules = new Intl.PluralRules(locale)));
  return rules;
}

const numberCache = new Map<string, Intl.NumberFormat>();
export function numberFormat(locale: string): Intl.NumberFormat {
  let format = numberCache.get(locale);
  if (!format) numberCache.set(locale, (format = new Intl.NumberFormat(locale)));
  return format;
}

/** `t(key, vars)` over one namespace of one language's catalog. */
export function translator<T extends Namespace>(language: Locale, namespace: T) {
  const locale = INTL_TAG[language];
  return function t(key: keyof T & string, vars?: Vars): string {
    const message = namespace[key];
    return message === undefined ? key : fill(locale, message, vars);
  };
}
export type Translate<T extends Namespace> = ReturnType<typeof translator<T>>;
