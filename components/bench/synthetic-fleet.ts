import type { LiveVehicle } from "@/lib/fleet/live";
import { VEHICLE_STATUSES } from "@/lib/fleet/status";

/** A deterministic fleet of `n` vehicles spread over Phoenix, for benchmarks. */
export function syntheticFleet(n: number, now: number): LiveVehicle[] {
  let seed = 12345;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: n }, (_, i) => ({
    id: `B${i}`,
    name: `Bench ${i}`,
    lat: 33.25 + random() * 0.45,
    lng: -112.35 + random() * 0.7,
    speedKph: random() * 90,
    headingDeg: random() * 360,
    fixTime: now - random() * 600_000,
    status: VEHICLE_STATUSES[i % 4]!,
    statusSince: now - 60_000,
  }));
}

/** Every vehicle moves a little (new objects, as a full delta would make). */
export function moveAll(vehicles: readonly LiveVehicle[], step: number): LiveVehicle[] {
  return vehicles.map((v, i) => ({
    ...v,
    lat: v.lat + Math.sin(i + step) * 0.001,
    lng: v.lng + Math.cos(i + step) * 0.001,
    headingDeg: ((v.headingDeg ?? 0) + 15) % 360,
    fixTime: v.fixTime + 10_000,
  }));
}
