import type { Metadata } from "next";
import Link from "next/link";
import { DisplayLinks } from "@/components/admin/display-links";
import { AccountBar } from "@/components/auth/account-bar";
import { requirePageSession } from "@/lib/auth/session";
import { LanguagePicker } from "@/components/ui/language-picker";
import { getEnv } from "@/lib/env";
import { getT } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT("admin"))("title") };
}

/** Display links for wall screens, admins only (others get a 404, as for any admin page). */
export default async function DisplayLinksPage() {
  const user = await requirePageSession("admin", "/admin/displays");
  const t = await getT("admin");
  return (
    <div className="min-h-full">
      <header className="flex flex-wrap items-center gap-x-4 gap-y-2 border-b border-slate-200 bg-white px-4 py-2 dark:border-slate-800 dark:bg-slate-900">
        <span className="text-lg font-bold tracking-tight">Fleet Live</span>
        <Link
          href="/"
          className="text-sm font-medium text-blue-700 underline-offset-2 hover:underline dark:text-blue-400"
        >
          {t("backToMap")}
        </Link>
        <div className="ms-auto flex flex-wrap items-center gap-3">
          <LanguagePicker />
          <AccountBar user={user} idleS={getEnv().auth.sessionIdleS} />
        </div>
      </header>
      <main className="mx-auto max-w-6xl space-y-2 p-6">
        <h1 className="text-2xl font-bold">{t("heading")}</h1>
        <p className="max-w-prose pb-4 text-slate-600 dark:text-slate-400">{t("intro")}</p>
        <DisplayLinks defaultDays={getEnv().auth.displayLinkDays} />
      </main>
    </div>
  );
}
