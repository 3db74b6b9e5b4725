/**
 * Every message catalog, one module per namespace (roughly one per components/ folder). Only
 * the server imports this: a page sends the browser its own language's messages (see
 * `lib/i18n/server.ts` and `I18nProvider`), never all three.
 */
import type { Locale } from "../locales";
import { admin } from "./admin";
import { alerts } from "./alerts";
import { auth } from "./auth";
import { common } from "./common";
import { dashboard } from "./dashboard";
import { fleet } from "./fleet";
import { format } from "./format";
import { map } from "./map";
import { pages } from "./pages";
import { replay } from "./replay";
import { shell } from "./shell";
import { wall } from "./wall";

export const CATALOGS = {
  admin,
  alerts,
  auth,
  common,
  dashboard,
  fleet,
  format,
  map,
  pages,
  replay,
  shell,
  wall,
};

type Catalogs = typeof CATALOGS;
export type NamespaceName = keyof Catalogs;
export type Messages = { [N in NamespaceName]: Catalogs[N]["en"] };

export function messagesFor(locale: Locale): Messages {
  const messages = {} as Record<NamespaceName, unknown>;
  for (const name of Object.keys(CATALOGS) as NamespaceName[]) {
    messages[name] = CATALOGS[name][locale];
  }
  return messages as Messages;
}
