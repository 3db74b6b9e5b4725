import { parseCompactIn } from "./geo";

/** Reading and checking request fields; a bad one is a 400 naming it, as FleetUp documents. */
export type Row = Record<string, unknown>;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export const DAY_MS = 86_400_000;

export function text(body: Row, key: string): string {
  const value = body[key];
  if (typeof value === "number") return String(value);
  if (typeof value !== "string" || value.trim() === "")
    throw new HttpError(400, `${key} is required`);
  return value.trim();
}

/**
 * Parses a compact date (YYYYMMDD or YYYYMMDDHHMMSS, as the endpoint allows) on the wall clock
 * of `timeZone`: requests use the same zone as the timestamps the simulator sends.
 */
export function instant(
  body: Row,
  key: string,
  digits: readonly number[],
  timeZone: string,
): number {
  const value = text(body, key);
  const ms = digits.includes(value.length) ? parseCompactIn(value, timeZone) : undefined;
  if (ms === undefined) {
    const formats = digits.map((d) => (d === 8 ? "YYYYMMDD" : "YYYYMMDDHHMMSS")).join(" or ");
    throw new HttpError(400, `${key} must be ${formats} (${timeZone})`);
  }
  return ms;
}

/**
 * A startDate/endDate window. The span limit compares the dates as given (so 20260101 to
 * 20260131 is 30 days); an 8-digit endDate then covers that whole day.
 */
export function window(
  body: Row,
  digits: readonly number[],
  maxSpanMs: number,
  what: string,
  timeZone: string,
) {
  const from = instant(body, "startDate", digits, timeZone);
  const end = instant(body, "endDate", digits, timeZone);
  if (end < from) throw new HttpError(400, "endDate is before startDate");
  if (end - from > maxSpanMs) {
    throw new HttpError(400, `the ${what} window must not exceed ${maxSpanMs / 3_600_000} hours`);
  }
  const wholeDay = text(body, "endDate").length === 8;
  return { from, to: wholeDay ? end + DAY_MS - 1 : end };
}

export function devIdList(body: Row): Set<string> {
  const raw = body.devIds;
  const list = typeof raw === "string" ? raw.split(",") : Array.isArray(raw) ? raw : undefined;
  const ids = list
    ?.filter((id): id is string => typeof id === "string" && id.trim() !== "")
    .map((id) => id.trim());
  if (!ids || ids.length === 0)
    throw new HttpError(400, "devIds must be a non-empty list of device ids");
  return new Set(ids);
}
