/**
 * Display formatting in the reader's language: speeds and distances in the chosen units, ages and
 * relative times, headings, clock times. `createFormat` is pure; components take theirs from
 * `useFormat()` (lib/i18n), which builds it once per language.
 */
import { fill, numberFormat } from "@/lib/i18n/catalog";
import { INTL_TAG, type Locale } from "@/lib/i18n/locales";
import type { Messages } from "@/lib/i18n/messages";
import type { SpeedUnits } from "@/lib/queries/url-state";

const KM_PER_MILE = 1.609344;

export function convertSpeed(kph: number, units: SpeedUnits): number {
  return units === "mph" ? kph / KM_PER_MILE : kph;
}

export type Format = ReturnType<typeof createFormat>;

export function createFormat(language: Locale, text: Messages["format"]) {
  const locale = INTL_TAG[language];
  const decimals = (digits: number) =>
    new Intl.NumberFormat(locale, {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
  const oneDecimal = decimals(1);
  const twoDecimals = decimals(2);
  const whole = numberFormat(locale);
  const clock = new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit" });
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
  const compass = text.compass.split(" ");
  const unit = (message: string, n: string) => fill(locale, message, { n });

  function age(ms: number): string {
    const s = Math.max(0, Math.floor(ms / 1000));
    if (s < 60) return fill(locale, text.seconds, { n: s });
    const min = Math.floor(s / 60);
    if (min < 60) return fill(locale, text.minutes, { n: min });
    const h = Math.floor(min / 60);
    if (h < 24) {
      return min % 60 === 0
        ? fill(locale, text.hours, { n: h })
        : fill(locale, text.hoursMinutes, { h, min: min % 60 });
    }
    return fill(locale, text.days, { n: Math.floor(h / 24) });
  }

  return {
    locale: language,
    /** A plain number in the locale's digits and grouping. */
    number: (n: number) => whole.format(n),
    speed(kph: number | undefined, units: SpeedUnits): string {
      if (kph === undefined) return text.none;
      const n = whole.format(Math.round(convertSpeed(kph, units)));
      return unit(units === "mph" ? text.mph : text.kmh, n);
    },
    distance(metres: number, units: SpeedUnits): string {
      const value = units === "mph" ? metres / 1000 / KM_PER_MILE : metres / 1000;
      const n = value < 10 ? oneDecimal.format(value) : whole.format(Math.round(value));
      return unit(units === "mph" ? text.mi : text.km, n);
    },
    /**
     * A distance precise enough to compare ("who is closer"): metres (or feet) below a kilometre
     * (or a tenth of a mile), then two decimals below 10, one below 100.
     */
    preciseDistance(metres: number, units: SpeedUnits): string {
      if (units === "mph") {
        const miles = metres / 1000 / KM_PER_MILE;
        if (miles < 0.1) return unit(text.ft, whole.format(Math.round(metres / 0.3048)));
        return unit(text.mi, precise(miles));
      }
      if (metres < 1000) return unit(text.m, whole.format(Math.round(metres)));
      return unit(text.km, precise(metres / 1000));
    },
    /** "12 s", "5 min", "2 h 10 min", "3 d": an age or a duration, short enough for a badge. */
    age,
    /** "just now", "12 s ago", "5 min ago", "3 h ago"; a time ahead of now reads "just now". */
    relative(time: number, now: number): string {
      const ms = now - time;
      if (ms < 5_000) return text.justNow;
      // "2 h ago", not "2 h 10 min ago": the coarser unit is enough for a relative time.
      const coarse =
        ms >= 3_600_000 && ms < 86_400_000 ? Math.floor(ms / 3_600_000) * 3_600_000 : ms;
      return fill(locale, text.ago, { age: age(coarse) });
    },
    heading(deg: number | undefined): string {
      if (deg === undefined) return text.none;
      const normalised = ((deg % 360) + 360) % 360;
      return `${whole.format(Math.round(normalised))}° ${compass[Math.round(normalised / 45) % 8]}`;
    },
    /** "14:05" or "2:05 PM", as the locale writes a time of day. */
    clock: (time: number) => clock.format(time),
    dateTime: (time: number) => dateTime.format(time),
  };

  function precise(value: number): string {
    if (value < 10) return twoDecimals.format(value);
    if (value < 100) return oneDecimal.format(value);
    return whole.format(Math.round(value));
  }
}
