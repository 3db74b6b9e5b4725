/** How the display links page words times and states. Pure. */
import { formatRelative } from "@/components/fleet/format";
import type { DisplayLink } from "@/lib/queries/displays";

export const EXPIRY_CHOICES: ReadonlyArray<{ label: string; days: number | undefined }> = [
  { label: "Never", days: undefined },
  { label: "1 day", days: 1 },
  { label: "7 days", days: 7 },
  { label: "30 days", days: 30 },
  { label: "365 days", days: 365 },
];

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
