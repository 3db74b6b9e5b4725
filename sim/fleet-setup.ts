import { randomPointInCity } from "./city";
import { DEPOTS } from "./fences";
import type { LatLng } from "./geo";
import { Rng } from "./random";

/** Who and what each vehicle is: fixed for its life, derived from the seed alone. */
export type VehicleProfile = {
  index: number;
  devId: string;
  name: string;
  plate: string;
  driver: string;
  deviceType: "4CJ" | "5TA" | "CT";
  vin: string;
  homeDepot: number;
  /** Local (Phoenix) shift hours; an end before the start wraps past midnight. */
  shiftStartHour: number;
  shiftEndHour: number;
  /** 0 = careful, 1 = aggressive: scales speeding and harsh-braking rates. */
  aggression: number;
  fuelLitresPer100Km: number;
  idleLitresPerHour: number;
  /** How often the device sends a fix while the engine runs, and while it is off. */
  reportEngineOnMs: number;
  reportEngineOffMs: number;
  /** Chance per simulated hour of dropping off the network for a while. */
  offlinePerHour: number;
};

const KINDS = [
  { label: "Van", weight: 0.45, fuel: [11, 14] },
  { label: "Truck", weight: 0.3, fuel: [24, 34] },
  { label: "Pickup", weight: 0.15, fuel: [14, 18] },
  { label: "Service", weight: 0.1, fuel: [12, 16] },
] as const;
const FIRST = [
  "Maria",
  "James",
  "Luis",
  "Aisha",
  "Tom",
  "Priya",
  "Carlos",
  "Emily",
  "Jamal",
  "Sofia",
  "Kevin",
  "Ana",
  "David",
  "Mei",
  "Jorge",
  "Hannah",
  "Omar",
  "Grace",
  "Diego",
  "Laura",
  "Victor",
  "Nina",
  "Sam",
  "Rosa",
  "Ethan",
  "Yuki",
  "Marcus",
  "Elena",
  "Ben",
  "Fatima",
];
const LAST = [
  "Garcia",
  "Smith",
  "Hernandez",
  "Johnson",
  "Nguyen",
  "Martinez",
  "Brown",
  "Lopez",
  "Davis",
  "Patel",
  "Wilson",
  "Gonzalez",
  "Clark",
  "Ramirez",
  "Lewis",
  "Torres",
  "Walker",
  "Flores",
  "Young",
  "Rivera",
  "King",
  "Chen",
  "Scott",
  "Morales",
  "Baker",
  "Reyes",
  "Adams",
  "Ortiz",
  "Nelson",
  "Kim",
];
const LETTERS = "ABCDEFGHJKLMNPRSTVWXYZ";
const VIN_CHARS = "0123456789ABCDEFGHJKLMNPRSTUVWXYZ";

export const devIdOf = (index: number) => `213NW2026${String(index + 1).padStart(6, "0")}`;

export function createProfiles(count: number, seed: number): VehicleProfile[] {
  const rng = new Rng(seed);
  const numbers = new Map<string, number>();
  return Array.from({ length: count }, (_, index) => {
    const own = rng.fork(index);
    const draw = own.next();
    let acc = 0;
    const kind = KINDS.find((k) => (acc += k.weight) >= draw) ?? KINDS[0];
    const number = (numbers.get(kind.label) ?? 0) + 1;
    numbers.set(kind.label, number);
    const shift = own.next();
    // Most work days; some start early; a fifth work nights, so the map is never fully asleep.
    const [shiftStartHour, shiftEndHour] =
      shift < 0.6
        ? [own.between(6.5, 8.5), own.between(15.5, 18)]
        : shift < 0.8
          ? [own.between(4.5, 6), own.between(13, 15)]
          : [own.between(18, 20), own.between(3.5, 6)];
    const rare = own.chance(0.04);
    return {
      index,
      devId: devIdOf(index),
      name: `${kind.label} ${String(number).padStart(2, "0")}`,
      plate: `${letters(own, 3)}${own.int(1000, 9999)}`,
      driver: `${own.pick(FIRST)} ${own.pick(LAST)}`,
      deviceType: own.pick(["4CJ", "4CJ", "5TA", "CT"] as const),
      vin: Array.from({ length: 17 }, () => own.pick([...VIN_CHARS])).join(""),
      homeDepot: own.int(0, DEPOTS.length - 1),
      shiftStartHour,
      shiftEndHour,
      aggression: own.next() ** 2,
      fuelLitresPer100Km: own.between(kind.fuel[0], kind.fuel[1]),
      idleLitresPerHour: own.between(1.5, 3),
      reportEngineOnMs: rare ? own.int(180, 360) * 1000 : own.pick([10, 15, 15, 20, 30]) * 1000,
      reportEngineOffMs: rare ? own.int(360, 600) * 1000 : 300_000,
      offlinePerHour: own.chance(0.15) ? own.between(0.05, 0.2) : own.between(0.002, 0.01),
    };
  });
}

function letters(rng: Rng, length: number) {
  return Array.from({ length }, () => rng.pick([...LETTERS])).join("");
}

/** Generic customer addresses (beyond the fenced customer sites), shared by the whole fleet. */
export function createCustomerStops(count: number, seed: number): LatLng[] {
  const rng = new Rng(seed ^ 0x5bd1e995);
  return Array.from({ length: count }, () => randomPointInCity(rng));
}

export function inShift(profile: VehicleProfile, localHour: number): boolean {
  const { shiftStartHour: start, shiftEndHour: end } = profile;
  return start < end
    ? localHour >= start && localHour < end
    : localHour >= start || localHour < end;
}
