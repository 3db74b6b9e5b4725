/**
 * What the sign-in page says for a next-auth error code: fixed sentences only, so nothing a
 * link's `?error=` carries is ever shown. None says whether an account exists. The throttle's
 * codes come from lib/auth/options.ts: `Throttled-<seconds>` and `Busy`.
 */
export const INCORRECT = "Email or password is incorrect.";

export function signInMessage(code: string | null | undefined): string | undefined {
  if (!code) return undefined;
  if (code === "CredentialsSignin") return INCORRECT;
  if (code === "AccessDenied") {
    return "This account may not use Fleet Live. Ask an administrator to add you.";
  }
  if (code === "Busy")
    return "A sign-in for this account is already under way. Try again in a moment.";
  const throttled = /^Throttled-(\d{1,6})$/.exec(code);
  if (throttled)
    return `Too many sign-in attempts. Try again in ${waitText(Number(throttled[1]))}.`;
  return "Sign-in failed. Please try again.";
}

/** "30 seconds", "1 minute", "15 minutes" (rounded up). */
function waitText(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}
