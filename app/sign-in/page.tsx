import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { getPageSession } from "@/lib/auth/session";
import { DEMO_PASSWORD, DEMO_USERS } from "@/lib/auth/user-store";
import { signInMessage } from "@/components/auth/sign-in-message";
import { getEnv } from "@/lib/env";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in · Fleet Live" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const callbackPath = safeCallbackPath(first(params.callbackUrl));
  if (await getPageSession()) redirect(callbackPath);
  const env = getEnv();

  return (
    <main className="flex min-h-full items-center justify-center p-6">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm dark:border-slate-800 dark:bg-slate-900">
        <h1 className="mb-1 text-2xl font-bold">Fleet Live</h1>
        <p className="mb-6 text-slate-600 dark:text-slate-400">Sign in to see your fleet.</p>
        <SignInForm
          callbackPath={callbackPath}
          singleSignOn={env.auth.oidc !== undefined}
          initialError={signInMessage(first(params.error))}
        />
        {env.upstream.mode === "simulator" ? (
          <p className="mt-6 text-sm text-slate-600 dark:text-slate-400">
            Demo mode: sign in as {DEMO_USERS.map((user) => user.email).join(", ")} with the
            password <code className="font-mono">{DEMO_PASSWORD}</code>.
          </p>
        ) : null}
      </div>
    </main>
  );
}
