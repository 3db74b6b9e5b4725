import Link from "next/link";
import type { SessionUser } from "@/lib/fleet/access";
import { getT } from "@/lib/i18n/server";
import { SessionPresence } from "./session-presence";
import { SignOutButton } from "./sign-out-button";

const ROLE_KEY = {
  admin: "roleAdmin",
  dispatcher: "roleDispatcher",
  viewer: "roleViewer",
} as const;
const LINK =
  "font-medium text-blue-700 underline-offset-2 hover:underline dark:text-blue-400 whitespace-nowrap";

/** Who is signed in, with which role, the wall screen and the admin's pages, and the way out. */
export async function AccountBar({ user, idleS }: { user: SessionUser; idleS: number }) {
  const t = await getT("auth");
  return (
    <div className="flex min-w-0 flex-wrap items-center gap-3 text-sm">
      <span data-testid="signed-in-user" className="text-slate-600 dark:text-slate-400">
        {user.email} <span className="font-medium">({t(ROLE_KEY[user.role])})</span>
      </span>
      <Link href="/wall" className={LINK}>
        {t("wallScreen")}
      </Link>
      {user.role === "admin" ? (
        <Link href="/admin/displays" className={LINK}>
          {t("displayLinks")}
        </Link>
      ) : null}
      <SignOutButton />
      <SessionPresence idleS={idleS} />
    </div>
  );
}
