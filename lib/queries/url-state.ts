/**
 * The dashboard's shareable view state, kept in the URL so a reload or a pasted link restores
 * it: ?at=33.45,-112.07,12&v=<vehicle id>&status=moving,idle&q=van&fences=0&trips=1&follow=1
 * &units=mph&theme=dark&panel=trips&near=fence:<id>&nearStatus=idle,stopped
 * &alert=<alert id>&alerts=mine&alertSeverity=critical,warning&alertType=speeding
 * &alertVehicle=<vehicle id>&alertFence=<fence id>
 * &replay=vehicle:<id>&from=<ms>&to=<ms>&rt=<ms>&speed=10 (or replay=fleet)
 * Defaults are left out, so a plain "/" is the default view. Pure: parse and serialise only.
 */
import { ALERT_STATE_FILTERS, type AlertFilter } from "@/lib/fleet/alert-work";
import { VEHICLE_STATUSES, type VehicleStatus } from "@/lib/fleet/status";
import type { AlertSeverity } from "@/lib/fleet/types";

export type SpeedUnits = "kmh" | "mph";
export type Theme = "light" | "dark";
export type SidePanel = "alerts" | "trips" | "fences";

/** Where the map looks: its centre and zoom. */
export type MapViewport = { lat: number; lng: number; zoom: number };

/** What "nearest vehicles" measures from: a point on the map, a fence or a vehicle. */
export type NearOrigin =
  | { kind: "point"; lat: number; lng: number }
  | { kind: "fence"; id: string }
  | { kind: "vehicle"; id: string };

/** Replay speeds offered: recorded seconds per real second. */
export const REPLAY_SPEEDS = [1, 2, 5, 10, 30, 60] as const;
export type ReplaySpeed = (typeof REPLAY_SPEEDS)[number];

/** An open replay: one vehicle (or the whole fleet), a range, the scrubbed time and the speed. */
export type ReplayUrlState = {
  vehicleId?: string;
  from: number;
  to: number;
  /** The time shown, within from..to. */
  t: number;
  speed: ReplaySpeed;
};

export type DashboardUrlState = {
  /** The map's centre and zoom, once a person has moved it; absent: fit the fleet. */
  view?: MapViewport;
  /** The selected vehicle's id. */
  vehicleId?: string;
  /** Statuses shown; empty means all. */
  statuses: VehicleStatus[];
  /** Search text over name, plate and driver. */
  query: string;
  showFences: boolean;
  /** Ongoing trips drawn on the map. */
  showTrips: boolean;
  follow: boolean;
  units: SpeedUnits;
  /** A theme chosen for this link; absent means the person's saved or system choice. */
  theme?: Theme;
  panel: SidePanel;
  /** The open "nearest vehicles" question, if any. */
  near?: NearOrigin;
  /** Statuses the nearest list is limited to; empty means all. */
  nearStatuses: VehicleStatus[];
  /** The alert whose detail is open. */
  alertId?: string;
  /** Which alerts the alerts panel lists (open ones by default). */
  alertFilter: AlertFilter;
  /** Replay instead of the live map, when set. */
  replay?: ReplayUrlState;
};

export const DEFAULT_ALERT_FILTER: AlertFilter = { state: "open", severities: [] };

export const DEFAULT_URL_STATE: DashboardUrlState = {
  statuses: [],
  query: "",
  showFences: true,
  showTrips: false,
  follow: false,
  units: "kmh",
  panel: "alerts",
  nearStatuses: [],
  alertFilter: DEFAULT_ALERT_FILTER,
};

const PANELS: readonly SidePanel[] = ["alerts", "trips", "fences"];
const MAX_QUERY_LENGTH = 100;
const ID = /^[A-Za-z0-9._:-]{1,64}$/;
/** Alert and fence ids are FleetUp's own text (a fence visit's id carries the fence's name). */
const TEXT_ID = /^[^\u0000-\u001f\u007f]{1,256}$/u;
const SEVERITIES: readonly AlertSeverity[] = ["info", "warning", "critical"];
const MIN_ZOOM = 2;
const MAX_ZOOM = 19;

function parseStatuses(text: string | null): VehicleStatus[] {
  const named = (text ?? "").split(",");
  return VEHICLE_STATUSES.filter((status) => named.includes(status));
}

function serializeStatuses(statuses: readonly VehicleStatus[]): string | undefined {
  return statuses.length > 0 && statuses.length < VEHICLE_STATUSES.length
    ? statuses.join(",")
    : undefined;
}

/** "lat,lng" in degrees, or undefined when either is not a coordinate. */
function parsePoint(text: string): { lat: number; lng: number } | undefined {
  const parts = text.split(",");
  if (parts.length !== 2 || parts.some((part) => part.trim() === "")) return undefined;
  const [lat, lng] = parts.map(Number) as [number, number];
  if (!(Math.abs(lat) <= 85) || !(Math.abs(lng) <= 180)) return undefined;
  return { lat, lng };
}

function parseView(text: string | null): MapViewport | undefined {
  const parts = (text ?? "").split(",");
  if (parts.length !== 3) return undefined;
  const point = parsePoint(parts.slice(0, 2).join(","));
  const zoom = parts[2]!.trim() === "" ? NaN : Number(parts[2]);
  if (!point || !(zoom >= MIN_ZOOM && zoom <= MAX_ZOOM)) return undefined;
  return { ...point, zoom };
}

function parseNear(text: string | null): NearOrigin | undefined {
  if (!text) return undefined;
  const [kind, id] = text.split(/:(.*)/s) as [string, string | undefined];
  if ((kind === "fence" || kind === "vehicle") && id !== undefined && ID.test(id)) {
    return { kind, id };
  }
  const point = parsePoint(text);
  return point ? { kind: "point", ...point } : undefined;
}

function parseAlertFilter(params: URLSearchParams): AlertFilter {
  const state = params.get("alerts");
  const severities = (params.get("alertSeverity") ?? "").split(",");
  const text = (name: string, pattern: RegExp) => {
    const value = params.get(name);
    return value !== null && pattern.test(value) ? value : undefined;
  };
  return withoutUndefined({
    state: ALERT_STATE_FILTERS.find((known) => known === state) ?? DEFAULT_ALERT_FILTER.state,
    severities: SEVERITIES.filter((severity) => severities.includes(severity)),
    type: text("alertType", /^[^\u0000-\u001f\u007f]{1,100}$/u),
    vehicleId: text("alertVehicle", ID),
    fenceId: text("alertFence", TEXT_ID),
  });
}

function writeAlertFilter(params: URLSearchParams, filter: AlertFilter) {
  if (filter.state !== DEFAULT_ALERT_FILTER.state) params.set("alerts", filter.state);
  if (filter.severities.length > 0 && filter.severities.length < SEVERITIES.length) {
    params.set("alertSeverity", SEVERITIES.filter((s) => filter.severities.includes(s)).join(","));
  }
  if (filter.type) params.set("alertType", filter.type);
  if (filter.vehicleId) params.set("alertVehicle", filter.vehicleId);
  if (filter.fenceId) params.set("alertFence", filter.fenceId);
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

const EPOCH = /^\d{10,15}$/;

function parseReplay(params: URLSearchParams): ReplayUrlState | undefined {
  const target = params.get("replay") ?? "";
  const [kind, id] = target.split(/:(.*)/s) as [string, string | undefined];
  if (!(target === "fleet" || (kind === "vehicle" && id !== undefined && ID.test(id)))) {
    return undefined;
  }
  const [from, to, t] = ["from", "to", "rt"].map((name) => {
    const text = params.get(name) ?? "";
    return EPOCH.test(text) ? Number(text) : NaN;
  }) as [number, number, number];
  if (!(to > from)) return undefined;
  const speed = REPLAY_SPEEDS.find((s) => String(s) === params.get("speed")) ?? 10;
  return {
    ...(target === "fleet" ? {} : { vehicleId: id }),
    from,
    to,
    t: t >= from && t <= to ? t : from,
    speed,
  };
}

const coordinate = (value: number) => String(Number(value.toFixed(5)));

export function parseUrlState(params: URLSearchParams): DashboardUrlState {
  const v = params.get("v") ?? "";
  const theme = params.get("theme");
  return {
    view: parseView(params.get("at")),
    vehicleId: ID.test(v) ? v : undefined,
    statuses: parseStatuses(params.get("status")),
    query: (params.get("q") ?? "").slice(0, MAX_QUERY_LENGTH),
    showFences: params.get("fences") !== "0",
    showTrips: params.get("trips") === "1",
    follow: params.get("follow") === "1" && ID.test(v),
    units: params.get("units") === "mph" ? "mph" : "kmh",
    theme: theme === "dark" || theme === "light" ? theme : undefined,
    panel: PANELS.find((panel) => panel === params.get("panel")) ?? "alerts",
    near: parseNear(params.get("near")),
    nearStatuses: parseStatuses(params.get("nearStatus")),
    alertId: TEXT_ID.test(params.get("alert") ?? "") ? params.get("alert")! : undefined,
    alertFilter: parseAlertFilter(params),
    replay: parseReplay(params),
  };
}

export function serializeUrlState(state: DashboardUrlState): string {
  const params = new URLSearchParams();
  if (state.view) {
    const { lat, lng, zoom } = state.view;
    params.set("at", `${coordinate(lat)},${coordinate(lng)},${Number(zoom.toFixed(2))}`);
  }
  if (state.vehicleId) params.set("v", state.vehicleId);
  const statuses = serializeStatuses(state.statuses);
  if (statuses) params.set("status", statuses);
  if (state.query) params.set("q", state.query);
  if (!state.showFences) params.set("fences", "0");
  if (state.showTrips) params.set("trips", "1");
  if (state.follow && state.vehicleId) params.set("follow", "1");
  if (state.units !== "kmh") params.set("units", state.units);
  if (state.theme) params.set("theme", state.theme);
  if (state.panel !== "alerts") params.set("panel", state.panel);
  if (state.near) {
    const near = state.near;
    params.set(
      "near",
      near.kind === "point"
        ? `${coordinate(near.lat)},${coordinate(near.lng)}`
        : `${near.kind}:${near.id}`,
    );
    const nearStatuses = serializeStatuses(state.nearStatuses);
    if (nearStatuses) params.set("nearStatus", nearStatuses);
  }
  if (state.alertId) params.set("alert", state.alertId);
  writeAlertFilter(params, state.alertFilter);
  if (state.replay) {
    const { vehicleId, from, to, t, speed } = state.replay;
    params.set("replay", vehicleId ? `vehicle:${vehicleId}` : "fleet");
    params.set("from", String(Math.round(from)));
    params.set("to", String(Math.round(to)));
    params.set("rt", String(Math.round(t)));
    if (speed !== 10) params.set("speed", String(speed));
  }
  // Commas and colons are fine in a query string, and a link is easier to read with them.
  return params.toString().replace(/%2C/gi, ",").replace(/%3A/gi, ":");
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * `next`, with every list or object equal to the one in `previous` replaced by that one: a pan of
 * the map rewrites the URL, and must not hand the filters a new (equal) status list that would
 * re-filter 50,000 vehicles.
 */
export function keepUnchanged(
  previous: DashboardUrlState | undefined,
  next: DashboardUrlState,
): DashboardUrlState {
  if (!previous) return next;
  return {
    ...next,
    view: sameJson(previous.view, next.view) ? previous.view : next.view,
    statuses: sameJson(previous.statuses, next.statuses) ? previous.statuses : next.statuses,
    near: sameJson(previous.near, next.near) ? previous.near : next.near,
    nearStatuses: sameJson(previous.nearStatuses, next.nearStatuses)
      ? previous.nearStatuses
      : next.nearStatuses,
    alertFilter: sameJson(previous.alertFilter, next.alertFilter)
      ? previous.alertFilter
      : next.alertFilter,
    replay: sameJson(previous.replay, next.replay) ? previous.replay : next.replay,
  };
}
