import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { getPageSession } from "@/lib/auth/session";
import { DEMO_PASSWORD, DEMO_USERS } from "@/lib/auth/user-store";
import { LanguagePicker } from "@/components/ui/language-picker";
import { getEnv } from "@/lib/env";
import { getT } from "@/lib/i18n/server";
import { SignInForm } from "./sign-in-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getT("auth");
  return { title: t("pageTitle") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const callbackPath = safeCallbackPath(first(params.callbackUrl));
  if (await getPageSession()) redirect(callbackPath);
  const env = getEnv();
  const [t, common] = await Promise.all([getT("auth"), getT("common")]);
  const [demoBefore, demoAfter] = t("demo", {
    users: DEMO_USERS.map((user) => user.email).join(", "),
  }).split("{password}");

  return (
    <main className="flex min-h-full items-center justify-center p-6">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm dark:border-slate-800 dark:bg-slate-900">
        <div className="mb-1 flex items-start justify-between gap-3">
          <h1 className="text-2xl font-bold">{common("appName")}</h1>
          {/* Before signing in: the form and its messages follow the choice at once. */}
          <LanguagePicker />
        </div>
        <p className="mb-6 text-slate-600 dark:text-slate-400">{t("intro")}</p>
        <SignInForm
          callbackPath={callbackPath}
          singleSignOn={env.auth.oidc !== undefined}
          errorCode={first(params.error)}
        />
        {env.upstream.mode === "simulator" ? (
          <p className="mt-6 text-sm text-slate-600 dark:text-slate-400">
            {demoBefore}
            <code className="font-mono">{DEMO_PASSWORD}</code>
            {demoAfter}
          </p>
        ) : null}
      </div>
    </main>
  );
}
