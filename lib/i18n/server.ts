import "server-only";
import { cookies, headers } from "next/headers";
import { translator } from "./catalog";
import { LOCALE_COOKIE, pickLocale, type Locale } from "./locales";
import { messagesFor, type Messages, type NamespaceName } from "./messages";

/** This request's language: the picker's cookie, else Accept-Language, else English. */
export async function getLocale(): Promise<Locale> {
  const [jar, head] = await Promise.all([cookies(), headers()]);
  return pickLocale(jar.get(LOCALE_COOKIE)?.value, head.get("accept-language"));
}

/** `t` for a server component. */
export async function getT<N extends NamespaceName>(namespace: N) {
  const locale = await getLocale();
  return translator<Messages[N]>(locale, messagesFor(locale)[namespace]);
}

export { messagesFor };
