/**
 * The dashboard's shareable view state, kept in the URL so a reload or a pasted link restores
 * it: ?v=<vehicle id>&status=moving,idle&q=van&fences=0&follow=1&units=mph&theme=dark&panel=trips
 * Defaults are left out, so a plain "/" is the default view. Pure: parse and serialise only.
 */
import { VEHICLE_STATUSES, type VehicleStatus } from "@/lib/fleet/status";

export type SpeedUnits = "kmh" | "mph";
export type Theme = "light" | "dark";
export type SidePanel = "alerts" | "trips" | "fences";

export type DashboardUrlState = {
  /** The selected vehicle's id. */
  vehicleId?: string;
  /** Statuses shown; empty means all. */
  statuses: VehicleStatus[];
  /** Search text over name, plate and driver. */
  query: string;
  showFences: boolean;
  follow: boolean;
  units: SpeedUnits;
  /** A theme chosen for this link; absent means the person's saved or system choice. */
  theme?: Theme;
  panel: SidePanel;
};

export const DEFAULT_URL_STATE: DashboardUrlState = {
  statuses: [],
  query: "",
  showFences: true,
  follow: false,
  units: "kmh",
  panel: "alerts",
};

const PANELS: readonly SidePanel[] = ["alerts", "trips", "fences"];
const MAX_QUERY_LENGTH = 100;
const VEHICLE_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export function parseUrlState(params: URLSearchParams): DashboardUrlState {
  const v = params.get("v") ?? "";
  const statuses = (params.get("status") ?? "")
    .split(",")
    .filter((s): s is VehicleStatus => (VEHICLE_STATUSES as readonly string[]).includes(s));
  const theme = params.get("theme");
  return {
    vehicleId: VEHICLE_ID.test(v) ? v : undefined,
    statuses: VEHICLE_STATUSES.filter((status) => statuses.includes(status)),
    query: (params.get("q") ?? "").slice(0, MAX_QUERY_LENGTH),
    showFences: params.get("fences") !== "0",
    follow: params.get("follow") === "1" && VEHICLE_ID.test(v),
    units: params.get("units") === "mph" ? "mph" : "kmh",
    theme: theme === "dark" || theme === "light" ? theme : undefined,
    panel: PANELS.find((panel) => panel === params.get("panel")) ?? "alerts",
  };
}

export function serializeUrlState(state: DashboardUrlState): string {
  const params = new URLSearchParams();
  if (state.vehicleId) params.set("v", state.vehicleId);
  if (state.statuses.length > 0 && state.statuses.length < VEHICLE_STATUSES.length) {
    params.set("status", state.statuses.join(","));
  }
  if (state.query) params.set("q", state.query);
  if (!state.showFences) params.set("fences", "0");
  if (state.follow && state.vehicleId) params.set("follow", "1");
  if (state.units !== "kmh") params.set("units", state.units);
  if (state.theme) params.set("theme", state.theme);
  if (state.panel !== "alerts") params.set("panel", state.panel);
  return params.toString();
}
