/** How the display links page words times and states. Pure: its words come as `t` and `format`. */
import type { Format } from "@/components/fleet/format";
import type { Translate } from "@/lib/i18n/catalog";
import type { Messages } from "@/lib/i18n/messages";
import type { DisplayLink } from "@/lib/queries/displays";

type AdminT = Translate<Messages["admin"]>;

/** The fixed expiries offered besides the server's default, in days. */
export const EXPIRY_CHOICE_DAYS = [1, 7, 30, 365] as const;

/**
 * The expiries an admin picks from. Every link expires: the first choice is the server's default
 * (DISPLAY_LINK_DAYS), sent as no expiry at all so the server applies it.
 */
export function expiryChoices(
  defaultDays: number,
  t: AdminT,
): ReadonlyArray<{ label: string; days: number | undefined }> {
  return [
    { label: t("expiryDefault", { n: defaultDays }), days: undefined },
    ...EXPIRY_CHOICE_DAYS.filter((days) => days !== defaultDays).map((days) => ({
      label: t("expiryDays", { n: days }),
      days,
    })),
  ];
}

export const STATE_LABEL = {
  active: "stateActive",
  expired: "stateExpired",
  revoked: "stateRevoked",
} as const satisfies Record<DisplayLink["state"], string>;

export function formatDate(iso: string, format: Format): string {
  return format.dateTime(Date.parse(iso));
}

export function formatExpiry(expiresAt: string | null, t: AdminT, format: Format): string {
  return expiresAt === null ? t("expiresNever") : formatDate(expiresAt, format);
}

/** "2 min ago", or "never" for a screen that has not opened its link yet. */
export function formatLastSeen(
  lastSeenAt: string | null,
  now: number,
  t: AdminT,
  format: Format,
): string {
  return lastSeenAt === null ? t("lastSeenNever") : format.relative(Date.parse(lastSeenAt), now);
}
