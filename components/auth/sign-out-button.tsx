"use client";

import { signOut } from "next-auth/react";
import { useState } from "react";
import { useT } from "@/lib/i18n/i18n-provider";
import { recordLastLook } from "@/lib/queries/history";

/** Ends the session on the server (the token is revoked, not only the cookie cleared). */
export function SignOutButton() {
  const t = useT("auth");
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      disabled={pending}
      onClick={async () => {
        setPending(true);
        // "Since you last looked" starts from here next time.
        await recordLastLook();
        await signOut({ redirect: false }).catch(() => undefined);
        // A full page load, not a client-side navigation, so no fleet data cached in this tab
        // outlives the session.
        window.location.replace("/sign-in");
      }}
      className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:outline-none disabled:opacity-60 dark:border-slate-700 dark:hover:bg-slate-800"
    >
      {t("signOut")}
    </button>
  );
}
