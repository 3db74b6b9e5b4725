/**
 * The vehicle layer's vehicles by id, each with its Web Mercator position projected once. An
 * update compares each vehicle with the one held (the query cache keeps unchanged vehicles as
 * the same objects) and re-projects only those whose fix changed.
 */
import type { LiveVehicle } from "@/lib/fleet/live";
import { VEHICLE_STATUSES } from "@/lib/fleet/status";
import { worldX, worldY } from "../core/mercator";
import type { Sprite } from "./vehicle-painter";

/** Vehicles taken in between two checks of the time budget (see VehicleCanvasLayer). */
const UPDATE_CHUNK = 4096;
/** A plain object: looked up once per vehicle per update, faster than a Map. */
const STATUS_INDEX = Object.fromEntries(VEHICLE_STATUSES.map((status, i) => [status, i])) as Record<
  string,
  number
>;

export class SpriteStore {
  private readonly byId = new Map<string, Sprite>();
  private generation = 0;
  /** The vehicles in the order given (a new array after every update that changed anything). */
  order: readonly Sprite[] = [];
  /** In `order`'s order: [lng, lat, lng, lat, …], as the cluster index takes them. */
  positions = new Float64Array();
  /** In `order`'s order: each vehicle's status, its index in VEHICLE_STATUSES. */
  statuses = new Uint8Array();

  get(id: string | undefined): Sprite | undefined {
    return id === undefined ? undefined : this.byId.get(id);
  }

  /** Returns how many vehicles were added, changed or removed. */
  update(vehicles: readonly LiveVehicle[]): number {
    const steps = this.updating(vehicles);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
    }
  }

  /**
   * update(), a chunk of vehicles at a time: it yields between chunks, so a large fleet can be
   * taken in over several tasks; `order` changes only at the end. A newer update may abandon an
   * older one half way (what the older one touched is then brought up to date or removed).
   */
  *updating(vehicles: readonly LiveVehicle[], chunk = UPDATE_CHUNK): Generator<void, number, void> {
    const generation = ++this.generation;
    let changed = 0;
    const order: Sprite[] = new Array(vehicles.length);
    const positions = new Float64Array(2 * vehicles.length);
    const statuses = new Uint8Array(vehicles.length);
    for (let i = 0; i < vehicles.length; i++) {
      if (i % chunk === 0 && i > 0) yield;
      const v = vehicles[i]!;
      positions[2 * i] = v.lng;
      positions[2 * i + 1] = v.lat;
      statuses[i] = STATUS_INDEX[v.status] ?? 0;
      // A fleet usually comes in the same order as before: try the sprite at the same place first.
      const same = this.order[i];
      let sprite = same !== undefined && same.v.id === v.id ? same : this.byId.get(v.id);
      if (!sprite) {
        sprite = { v, wx: worldX(v.lng), wy: worldY(v.lat), generation, at: i };
        this.byId.set(v.id, sprite);
        changed++;
      } else if (sprite.v !== v) {
        if (sprite.v.lat !== v.lat || sprite.v.lng !== v.lng) {
          sprite.wx = worldX(v.lng);
          sprite.wy = worldY(v.lat);
        }
        sprite.v = v;
        changed++;
      }
      sprite.generation = generation;
      sprite.at = i;
      order[i] = sprite;
    }
    if (this.byId.size !== vehicles.length) {
      for (const [id, sprite] of this.byId) {
        if (sprite.generation !== generation) {
          this.byId.delete(id);
          changed++;
        }
      }
    }
    if (
      changed > 0 ||
      order.length !== this.order.length ||
      order.some((sprite, i) => sprite !== this.order[i])
    ) {
      this.order = order;
      this.positions = positions;
      this.statuses = statuses;
    }
    return changed;
  }
}
