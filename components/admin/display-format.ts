/** How the display links page words times and states. Pure. */
import { formatRelative } from "@/components/fleet/format";
import type { DisplayLink } from "@/lib/queries/displays";

/**
 * The expiries an admin picks from. Every link expires: the first choice is the server's default
 * (DISPLAY_LINK_DAYS), sent as no expiry at all so the server applies it.
 */
export function expiryChoices(
  defaultDays: number,
): ReadonlyArray<{ label: string; days: number | undefined }> {
  return [
    { label: `${defaultDays} days (default)`, days: undefined },
    ...[1, 7, 30, 365]
      .filter((days) => days !== defaultDays)
      .map((days) => ({ label: `${days} day${days === 1 ? "" : "s"}`, days })),
  ];
}

export const STATE_LABEL: Record<DisplayLink["state"], string> = {
  active: "Active",
  expired: "Expired",
  revoked: "Revoked",
};

export function formatDate(iso: string): string {
  return new Date(iso).toLocaleString([], { dateStyle: "medium", timeStyle: "short" });
}

export function formatExpiry(expiresAt: string | null): string {
  return expiresAt === null ? "Never" : formatDate(expiresAt);
}

/** "2 min ago", or "never" for a screen that has not opened its link yet. */
export function formatLastSeen(lastSeenAt: string | null, now: number): string {
  return lastSeenAt === null ? "never" : formatRelative(Date.parse(lastSeenAt), now);
}
