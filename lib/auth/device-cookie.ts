import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { newDeviceId } from "./throttle";

/**
 * A browser that has signed in to an account gets a device cookie for it (OWASP's "device
 * cookies" against online guessing): `v1.<device id>.<HMAC over the email and the id>`. Its
 * sign-in attempts for that account are then throttled apart from everyone else's, so guesses
 * from elsewhere can slow an account down but never keep its owner out. The email is not in the
 * cookie; the signature binds it, so a cookie earned on one's own account is worth nothing
 * against another.
 */
const LABEL = "fleet-live device cookie v1";
const SHAPE = /^v1\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/;

/** A browser keeps its device cookie for a year. */
export const DEVICE_COOKIE_MAX_AGE_S = 365 * 24 * 3600;

function signature(secret: string, email: string, device: string): Buffer {
  const key = createHmac("sha256", secret).update(LABEL).digest();
  return createHmac("sha256", key).update(`${email}\n${device}`).digest();
}

export function newDeviceCookie(secret: string, email: string): string {
  const device = newDeviceId();
  return `v1.${device}.${signature(secret, email, device).toString("base64url")}`;
}

/** The device id when `cookie` was issued for `email` under `secret`; else undefined. */
export function trustedDevice(
  cookie: string | undefined,
  secret: string,
  email: string,
): string | undefined {
  const match = SHAPE.exec(cookie ?? "");
  if (!match) return undefined;
  const [, device, given] = match as unknown as [string, string, string];
  const expected = signature(secret, email, device);
  const actual = Buffer.from(given, "base64url");
  return actual.length === expected.length && timingSafeEqual(actual, expected)
    ? device
    : undefined;
}
