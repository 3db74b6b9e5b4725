import type { Leg } from "./city";
import type { VehicleProfile } from "./fleet-setup";
import type { FenceVisit } from "./alerts";
import type { LatLng } from "./geo";
import { HistoryRing } from "./history";
import type { Rng } from "./random";

/** What a vehicle is doing; `driving` follows a route, the others stand still. */
export type Phase = "parked" | "driving" | "idling" | "stopped";

/** The last fix the device reported: what FleetUp would hand out for it. */
export type Fix = {
  time: number;
  lat: number;
  lng: number;
  speed: number;
  heading: number;
  rpm: number;
  engineOn: boolean;
  idling: boolean;
  tripFuelCl: number;
  odometerMeters: number;
};

export type TripInProgress = {
  startTime: number;
  start: LatLng;
  startAddress: string;
  meters: number;
  fuelCl: number;
  harshEvents: number;
  speedingEvents: number;
};

export type CompletedTrip = TripInProgress & {
  endTime: number;
  end: LatLng;
  endAddress: string;
};

export class Vehicle {
  pos: LatLng;
  speedKmh = 0;
  heading = 0;
  phase: Phase = "parked";
  phaseUntil = 0;
  afterIdle: "drive" | "stop" = "drive";
  route: Leg[] = [];
  legIndex = 0;
  legProgress = 0;
  legCruiseKmh = 0;
  legSpeedingAlerted = false;
  destinationIsDepot = false;
  engineOn = false;
  idleSince: number | undefined;
  longIdleAlerted = false;
  trip: TripInProgress | undefined;
  readonly trips: CompletedTrip[] = [];
  online = true;
  offlineUntil = 0;
  /** Placed by the control endpoint: holds still until moved again or released. */
  pinned = false;
  fenceMask = 0;
  readonly openVisits = new Map<number, FenceVisit>();
  odometerMeters: number;
  fix: Fix;
  nextReportAt = 0;
  readonly history: HistoryRing;
  /** Called when the vehicle turns onto the next leg of its route (the world picks a speed). */
  onNewLeg: (() => void) | undefined;

  constructor(
    readonly profile: VehicleProfile,
    readonly rng: Rng,
    start: LatLng,
    historyCapacity: number,
  ) {
    this.pos = start;
    this.odometerMeters = rng.between(20_000, 400_000) * 1000;
    this.history = new HistoryRing(historyCapacity);
    this.fix = this.snapshot(0);
  }

  get rpm(): number {
    if (!this.engineOn) return 0;
    return this.speedKmh < 1 ? 750 : Math.min(2800, Math.round(900 + this.speedKmh * 22));
  }

  snapshot(time: number): Fix {
    return {
      time,
      lat: this.pos.lat,
      lng: this.pos.lng,
      speed: Math.round(this.speedKmh * 10) / 10,
      heading: Math.round(this.heading),
      rpm: this.rpm,
      engineOn: this.engineOn,
      idling: this.engineOn && this.speedKmh < 1,
      tripFuelCl: Math.round(this.trip?.fuelCl ?? 0),
      odometerMeters: Math.round(this.odometerMeters),
    };
  }

  /** What the control endpoint's ground truth calls the vehicle's state. */
  get status(): "moving" | "idle" | "stopped" | "parked" | "offline" {
    if (!this.online) return "offline";
    if (this.speedKmh >= 1) return "moving";
    if (this.engineOn) return "idle";
    return this.phase === "parked" ? "parked" : "stopped";
  }
}
