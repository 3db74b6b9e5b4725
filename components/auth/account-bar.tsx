import type { SessionUser } from "@/lib/auth/session";
import { SessionActivity } from "./session-activity";
import { SignOutButton } from "./sign-out-button";

const ROLE_LABEL = { admin: "Admin", dispatcher: "Dispatcher", viewer: "Viewer" } as const;

/** Who is signed in, with which role, and the way out. */
export function AccountBar({ user, idleS }: { user: SessionUser; idleS: number }) {
  return (
    <div className="flex items-center gap-3 text-sm">
      <span data-testid="signed-in-user" className="text-slate-600 dark:text-slate-400">
        {user.email} <span className="font-medium">({ROLE_LABEL[user.role]})</span>
      </span>
      <SignOutButton />
      <SessionActivity idleS={idleS} />
    </div>
  );
}
