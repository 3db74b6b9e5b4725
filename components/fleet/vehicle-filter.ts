/** Which vehicles the list and the map show: by status and by a search over name, plate, driver. */
import type { LiveVehicle } from "@/lib/fleet/live";
import { VEHICLE_STATUSES, type VehicleStatus } from "@/lib/fleet/status";

export type VehicleFilter = { statuses: readonly VehicleStatus[]; query: string };

export type StatusCounts = Record<VehicleStatus, number>;

function normalise(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

// The cache keeps an unchanged vehicle as the same object, so its search text is built once.
const haystacks = new WeakMap<LiveVehicle, { text: string; compact: string }>();

function haystackOf(vehicle: LiveVehicle) {
  let entry = haystacks.get(vehicle);
  if (!entry) {
    const text = normalise(`${vehicle.name} ${vehicle.plate ?? ""} ${vehicle.driver ?? ""}`);
    entry = { text, compact: text.replace(/[\s-]/g, "") };
    haystacks.set(vehicle, entry);
  }
  return entry;
}

/** Every word of the query must appear in the name, plate or driver (any order, any case). */
export function matchesQuery(vehicle: LiveVehicle, query: string): boolean {
  const words = normalise(query).split(" ").filter(Boolean);
  if (words.length === 0) return true;
  const { text, compact } = haystackOf(vehicle);
  return words.every((word) => text.includes(word) || compact.includes(word.replace(/-/g, "")));
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

/**
 * Sorts by name (then id) and remembers the order: while the same vehicles keep the same names
 * in the same places (every position update), the next call reuses it in O(n) instead of sorting.
 */
export function createNameSorter() {
  let previous: readonly LiveVehicle[] = [];
  let permutation: number[] = [];
  return function sortByName(vehicles: readonly LiveVehicle[]): LiveVehicle[] {
    const same =
      vehicles.length === previous.length &&
      vehicles.every((v, i) => v.id === previous[i]!.id && v.name === previous[i]!.name);
    if (!same) {
      permutation = vehicles.map((_, i) => i);
      permutation.sort(
        (a, b) =>
          collator.compare(vehicles[a]!.name, vehicles[b]!.name) ||
          vehicles[a]!.id.localeCompare(vehicles[b]!.id),
      );
    }
    previous = vehicles;
    return permutation.map((i) => vehicles[i]!);
  };
}

/** The vehicles passing the filter, in the order given. */
export function filterVehicles(
  vehicles: readonly LiveVehicle[],
  filter: VehicleFilter,
): LiveVehicle[] {
  const statuses = filter.statuses.length > 0 ? new Set(filter.statuses) : undefined;
  if (!statuses && filter.query.trim() === "") return vehicles as LiveVehicle[];
  return vehicles.filter(
    (vehicle) => (!statuses || statuses.has(vehicle.status)) && matchesQuery(vehicle, filter.query),
  );
}

/** How many vehicles of each status match the search (the counts on the filter chips). */
export function countByStatus(vehicles: readonly LiveVehicle[], query = ""): StatusCounts {
  const counts = Object.fromEntries(VEHICLE_STATUSES.map((s) => [s, 0])) as StatusCounts;
  for (const vehicle of vehicles) {
    if (matchesQuery(vehicle, query)) counts[vehicle.status] += 1;
  }
  return counts;
}
