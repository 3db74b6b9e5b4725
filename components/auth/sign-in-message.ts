import type { Translate } from "@/lib/i18n/catalog";
import type { Messages } from "@/lib/i18n/messages";

/** The auth namespace's `t` (`useT("auth")` or `getT("auth")`). */
export type AuthT = Translate<Messages["auth"]>;

/**
 * What the sign-in page says for a next-auth error code: fixed sentences only, so nothing a
 * link's `?error=` carries is ever shown. None says whether an account exists. The throttle's
 * codes come from lib/auth/options.ts: `Throttled-<seconds>` and `Busy`.
 */
export function signInMessage(code: string | null | undefined, t: AuthT): string | undefined {
  if (!code) return undefined;
  if (code === "CredentialsSignin") return t("incorrect");
  if (code === "AccessDenied") return t("accessDenied");
  if (code === "Busy") return t("busy");
  const throttled = /^Throttled-(\d{1,6})$/.exec(code);
  if (throttled) return t("throttled", { wait: waitText(Number(throttled[1]), t) });
  return t("failed");
}

/** "30 seconds", "1 minute", "15 minutes" (rounded up). */
function waitText(seconds: number, t: AuthT): string {
  if (seconds < 60) return t("waitSeconds", { n: seconds });
  return t("waitMinutes", { n: Math.ceil(seconds / 60) });
}
