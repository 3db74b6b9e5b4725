import { describe, expect, it } from "vitest";
import type { LiveVehicle } from "@/lib/fleet/live";
import { countByStatus, createNameSorter, filterVehicles } from "./vehicle-filter";

const v = (
  id: string,
  name: string,
  status: LiveVehicle["status"],
  extra: Partial<LiveVehicle> = {},
) =>
  ({ id, name, status, lat: 33, lng: -112, fixTime: 1, statusSince: 1, ...extra }) as LiveVehicle;

const fleet = [
  v("3", "Van 10", "moving", { plate: "ABC-1234", driver: "José Álvarez" }),
  v("1", "Van 2", "idle", { plate: "XYZ-9", driver: "Ann Lee" }),
  v("2", "Truck 01", "offline"),
];

describe("vehicle list filtering", () => {
  it("sorts by name with numbers in natural order, and follows a renamed vehicle", () => {
    const sort = createNameSorter();
    expect(sort(fleet).map((x) => x.name)).toEqual(["Truck 01", "Van 2", "Van 10"]);
    const moved = fleet.map((x) => ({ ...x, lat: x.lat + 1 }));
    expect(sort(moved).map((x) => x.lat)).toEqual([34, 34, 34]);
    const renamed = moved.map((x) => (x.id === "2" ? { ...x, name: "Zed" } : x));
    expect(sort(renamed).map((x) => x.name)).toEqual(["Van 2", "Van 10", "Zed"]);
  });

  it("searches name, plate and driver, ignoring case, accents and the plate's dash", () => {
    const find = (query: string) => filterVehicles(fleet, { statuses: [], query }).map((x) => x.id);
    expect(find("van 10")).toEqual(["3"]);
    expect(find("abc1234")).toEqual(["3"]);
    expect(find("jose")).toEqual(["3"]);
    expect(find("lee")).toEqual(["1"]);
    expect(find("nobody")).toEqual([]);
  });

  it("keeps only the chosen statuses", () => {
    const ids = filterVehicles(fleet, { statuses: ["idle", "offline"], query: "" }).map(
      (x) => x.id,
    );
    expect(ids).toEqual(["1", "2"]);
  });

  it("counts each status among the vehicles matching the search", () => {
    expect(countByStatus(fleet)).toEqual({ moving: 1, idle: 1, stopped: 0, offline: 1 });
    expect(countByStatus(fleet, "van")).toEqual({ moving: 1, idle: 1, stopped: 0, offline: 0 });
  });
});
