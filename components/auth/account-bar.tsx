import Link from "next/link";
import type { SessionUser } from "@/lib/auth/session";
import { SessionPresence } from "./session-presence";
import { SignOutButton } from "./sign-out-button";

const ROLE_LABEL = { admin: "Admin", dispatcher: "Dispatcher", viewer: "Viewer" } as const;
const LINK =
  "font-medium text-blue-700 underline-offset-2 hover:underline dark:text-blue-400 whitespace-nowrap";

/** Who is signed in, with which role, the wall screen and the admin's pages, and the way out. */
export function AccountBar({ user, idleS }: { user: SessionUser; idleS: number }) {
  return (
    <div className="flex items-center gap-3 text-sm">
      <span data-testid="signed-in-user" className="text-slate-600 dark:text-slate-400">
        {user.email} <span className="font-medium">({ROLE_LABEL[user.role]})</span>
      </span>
      <Link href="/wall" className={LINK}>
        Wall screen
      </Link>
      {user.role === "admin" ? (
        <Link href="/admin/displays" className={LINK}>
          Display links
        </Link>
      ) : null}
      <SignOutButton />
      <SessionPresence idleS={idleS} />
    </div>
  );
}
