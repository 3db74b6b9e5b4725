"use client";

import { signIn } from "next-auth/react";
import { useRef, useState, useSyncExternalStore, type FormEvent } from "react";
import { signInMessage } from "@/components/auth/sign-in-message";
import { useTheme } from "@/components/dashboard/use-theme";
import { Field } from "@/components/ui/field";
import { useT } from "@/lib/i18n/i18n-provider";

const noSubscription = () => () => {};
const keepThemeOutOfUrl = () => {};

const INPUT =
  "w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-slate-900 outline-none focus-visible:ring-2 focus-visible:ring-blue-600 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-100";

export function SignInForm({
  callbackPath,
  singleSignOn,
  errorCode,
}: {
  callbackPath: string;
  singleSignOn: boolean;
  /** next-auth's `?error=` code; only ever shown as one of the fixed sentences. */
  errorCode?: string;
}) {
  const t = useT("auth");
  // The code, not its sentence: a language picked after a failed attempt words it again.
  const [error, setError] = useState(errorCode);
  const [pending, setPending] = useState(false);
  const password = useRef<HTMLInputElement>(null);
  // The person's light or dark choice from the map, else the system's (the page has no toggle).
  useTheme(undefined, keepThemeOutOfUrl);
  // False in the server's HTML, true once React runs: until then the button stays disabled, so
  // an early click never submits the form natively (with the password in a URL).
  const hydrated = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setPending(true);
    setError(undefined);
    const result = await signIn("credentials", {
      email: String(data.get("email") ?? ""),
      password: String(data.get("password") ?? ""),
      callbackUrl: callbackPath,
      redirect: false,
    }).catch(() => undefined);
    if (result?.ok && !result.error) {
      // A full navigation, so the server renders the next page with the new session cookie.
      window.location.assign(callbackPath);
      return;
    }
    setPending(false);
    setError(result?.error || "CredentialsSignin");
    if (password.current) {
      password.current.value = "";
      password.current.focus();
    }
  }

  return (
    <div className="flex flex-col gap-4">
      <form method="post" onSubmit={submit} className="flex flex-col gap-4">
        <Field label={t("email")} id="email">
          {(control) => (
            <input
              {...control}
              name="email"
              type="email"
              autoComplete="username"
              required
              autoFocus
              className={INPUT}
            />
          )}
        </Field>
        <Field label={t("password")} id="password">
          {(control) => (
            <input
              {...control}
              name="password"
              type="password"
              autoComplete="current-password"
              required
              ref={password}
              className={INPUT}
            />
          )}
        </Field>
        <p
          role="alert"
          aria-live="assertive"
          className="min-h-5 text-sm text-red-700 dark:text-red-400"
        >
          {signInMessage(error, t)}
        </p>
        <button
          type="submit"
          disabled={pending || !hydrated}
          className="rounded-md bg-blue-700 px-4 py-2 font-semibold text-white hover:bg-blue-800 focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:ring-offset-2 focus-visible:outline-none disabled:opacity-60 dark:focus-visible:ring-offset-slate-900"
        >
          {pending ? t("signingIn") : t("signIn")}
        </button>
      </form>
      {singleSignOn ? (
        <button
          type="button"
          onClick={() => void signIn("oidc", { callbackUrl: callbackPath })}
          className="rounded-md border border-slate-300 px-4 py-2 font-semibold hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:outline-none dark:border-slate-700 dark:hover:bg-slate-800"
        >
          {t("singleSignOn")}
        </button>
      ) : null}
    </div>
  );
}
