import type { AlertLog, AlertType, Severity } from "./alerts";
import { FENCES, type Fence, type FenceIndex } from "./fences";
import type { Vehicle } from "./vehicle";

/**
 * Turns what happens to a vehicle into alerts and fence visits: the one place that knows what
 * an alert records (position, speed, severity, fence).
 */
export class FleetEvents {
  constructor(
    readonly log: AlertLog,
    private readonly fenceIndex: FenceIndex,
  ) {}

  raise(
    vehicle: Vehicle,
    t: number,
    type: AlertType,
    severity: Severity,
    message: string,
    fence?: Fence,
  ) {
    this.log.add({
      type,
      devId: vehicle.profile.devId,
      time: t,
      lat: vehicle.pos.lat,
      lng: vehicle.pos.lng,
      speed: Math.round(vehicle.speedKmh),
      severity,
      message,
      ...(fence ? { fenceId: fence.fenceId, fenceName: fence.fenceName } : {}),
    });
  }

  /** Where a vehicle starts: inside those fences already, so visits open without an alert. */
  seedFences(vehicle: Vehicle, t: number) {
    vehicle.fenceMask = this.fenceIndex.maskAt(vehicle.pos);
    eachFence(vehicle.fenceMask, (index, fence) => this.openVisit(vehicle, index, fence, t));
  }

  /** Compares the fences around the vehicle now with before: enter/exit alerts and visits. */
  private openVisit(vehicle: Vehicle, index: number, fence: Fence, t: number) {
    const visit = {
      devId: vehicle.profile.devId,
      fenceId: fence.fenceId,
      fenceName: fence.fenceName,
      enterTime: t,
    };
    vehicle.openVisits.set(index, this.log.openVisit(visit));
  }

  checkFences(vehicle: Vehicle, t: number) {
    const mask = this.fenceIndex.maskAt(vehicle.pos);
    const changed = mask ^ vehicle.fenceMask;
    if (changed === 0) return;
    vehicle.fenceMask = mask;
    eachFence(changed, (index, fence) => {
      const entering = (mask & (1 << index)) !== 0;
      const restricted = fence.category === "restricted";
      const severity: Severity = restricted ? (entering ? "critical" : "warning") : "info";
      const type = entering ? "fence_enter" : "fence_exit";
      this.raise(
        vehicle,
        t,
        type,
        severity,
        `${entering ? "Entered" : "Left"} ${fence.fenceName}`,
        fence,
      );
      if (entering) {
        this.openVisit(vehicle, index, fence, t);
      } else {
        const visit = vehicle.openVisits.get(index);
        if (visit) visit.exitTime = t;
        vehicle.openVisits.delete(index);
      }
    });
  }
}

function eachFence(mask: number, each: (index: number, fence: Fence) => void) {
  for (let index = 0; index < FENCES.length; index++) {
    if (mask & (1 << index)) each(index, FENCES[index]!);
  }
}
