/**
 * What a message catalog is. English is written first and is the shape: a Spanish or Arabic
 * namespace typed `Translation<typeof en>` that misses or adds a key does not compile (and
 * `catalog.test.ts` checks the same at run time, placeholders included).
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
