import type { Translate } from "@/lib/i18n/catalog";
import type { Messages } from "@/lib/i18n/messages";
import type { SpeedUnits, Theme } from "@/lib/queries/url-state";

/**
 * The wall screen's settings, all from its URL (a display link can carry them), so a screen is
 * set up once by its link and never touched. Pure. A value that cannot be used is ignored and
 * listed in `ignored`, which the screen shows in small print, rather than breaking the screen.
 *
 *   view=North depot@33.62,-112.10,14   a saved view: name @ lat,lng,zoom (repeatable)
 *   view=fence:<fence id>               a saved view framing a fence (repeatable)
 *   rotate=45                           seconds per view when views are given (default 30)
 *   focus=20                            seconds a new alert holds the camera (default 20, 0 = never)
 *   sound=30                            a tone every 30 s while a warning or critical alert is
 *                                       unacknowledged (default 0: silent)
 *   theme=light                         the high-contrast dark theme is the default
 *   units=mph                           km/h by default
 *   fences=0                            hide fences
 *   maxHeapMb=1024                      reload when the page's JS heap grows past this
 *   errorReload=10                      seconds before reloading after a render error (doubling
 *                                       while errors repeat, see error-reload.ts)
 */
export type WallView =
  | { kind: "place"; name?: string; center: [number, number]; zoom: number }
  | { kind: "fence"; fenceId: string };

export type WallParams = {
  views: WallView[];
  rotateS: number;
  focusS: number;
  /** Seconds between tones while an open warning or critical alert is unacknowledged; 0: off. */
  soundEveryS: number;
  theme: Theme;
  units: SpeedUnits;
  showFences: boolean;
  maxHeapMb: number;
  /** Seconds a screen that hit a render error waits before its first reload. */
  errorReloadS: number;
  ignored: IgnoredParam[];
};

/** A parameter the screen could not use, and what it takes instead (see describeIgnored). */
export type IgnoredParam = { key: string; raw: string } & (
  | { rule: "range"; min: number; max: number }
  | { rule: "choice"; options: readonly string[] }
  | { rule: "view" }
  | { rule: "tooManyViews"; max: number }
);

/**
 * "rotate=2 (a whole number from 5 to 3600)", in the screen's language; numbers as the URL takes
 * them (no grouping, Latin digits).
 */
export function describeIgnored(entry: IgnoredParam, t: Translate<Messages["wall"]>): string {
  const param = `${entry.key}=${entry.raw}`;
  switch (entry.rule) {
    case "range":
      return t("ignoredRange", { param, min: String(entry.min), max: String(entry.max) });
    case "choice":
      return t("ignoredChoice", { param, options: entry.options.join(", ") });
    case "view":
      return t("ignoredView", { param });
    case "tooManyViews":
      return t("ignoredTooManyViews", { param, max: String(entry.max) });
  }
}

export const WALL_DEFAULTS = {
  rotateS: 30,
  focusS: 20,
  soundEveryS: 0,
  maxHeapMb: 1024,
  errorReloadS: 10,
} as const;

const MAX_VIEWS = 20;

function wholeIn(raw: string, min: number, max: number): number | undefined {
  if (!/^\d+$/.test(raw.trim())) return undefined;
  const value = Number(raw);
  return value >= min && value <= max ? value : undefined;
}

function parseView(raw: string): WallView | undefined {
  const text = raw.trim();
  if (text.startsWith("fence:")) {
    const fenceId = text.slice("fence:".length).trim();
    return fenceId ? { kind: "fence", fenceId } : undefined;
  }
  const at = text.lastIndexOf("@");
  const name = (at >= 0 ? text.slice(0, at) : "").trim().slice(0, 60);
  const numbers = (at >= 0 ? text.slice(at + 1) : text).split(",").map((part) => part.trim());
  if (numbers.length !== 3 || numbers.some((part) => part === "")) return undefined;
  const [lat, lng, zoom] = numbers.map(Number) as [number, number, number];
  if (!Number.isFinite(lat) || Math.abs(lat) > 85) return undefined;
  if (!Number.isFinite(lng) || Math.abs(lng) > 180) return undefined;
  if (!Number.isInteger(zoom) || zoom < 2 || zoom > 18) return undefined;
  return {
    kind: "place",
    ...(name ? { name } : {}),
    center: [lat, lng],
    zoom,
  };
}

export function parseWallParams(search: URLSearchParams): WallParams {
  const ignored: IgnoredParam[] = [];
  const number = (key: string, min: number, max: number, fallback: number) => {
    const raw = search.get(key);
    if (raw === null) return fallback;
    const value = wholeIn(raw, min, max);
    if (value === undefined) ignored.push({ key, raw, rule: "range", min, max });
    return value ?? fallback;
  };
  const choice = <T extends string>(key: string, options: readonly T[], fallback: T): T => {
    const raw = search.get(key);
    if (raw === null) return fallback;
    if ((options as readonly string[]).includes(raw)) return raw as T;
    ignored.push({ key, raw, rule: "choice", options });
    return fallback;
  };

  const views: WallView[] = [];
  for (const raw of search.getAll("view")) {
    const view = parseView(raw);
    if (!view) ignored.push({ key: "view", raw, rule: "view" });
    else if (views.length >= MAX_VIEWS) {
      ignored.push({ key: "view", raw, rule: "tooManyViews", max: MAX_VIEWS });
    } else views.push(view);
  }
  return {
    views,
    rotateS: number("rotate", 5, 3600, WALL_DEFAULTS.rotateS),
    focusS: number("focus", 0, 600, WALL_DEFAULTS.focusS),
    soundEveryS: number("sound", 0, 3600, WALL_DEFAULTS.soundEveryS),
    theme: choice("theme", ["dark", "light"] as const, "dark"),
    units: choice("units", ["kmh", "mph"] as const, "kmh"),
    showFences: choice("fences", ["1", "0"] as const, "1") === "1",
    maxHeapMb: number("maxHeapMb", 64, 16_384, WALL_DEFAULTS.maxHeapMb),
    errorReloadS: number("errorReload", 2, 600, WALL_DEFAULTS.errorReloadS),
    ignored,
  };
}
