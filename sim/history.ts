/**
 * A fixed-size ring of reported fixes for one device, in a typed array: 50,000 vehicles × a
 * day of fixes would not fit as objects, so the capacity per device shrinks as the fleet grows.
 */
export type HistoryPoint = {
  time: number;
  lat: number;
  lng: number;
  speed: number;
  heading: number;
};

const FIELDS = 5;
const TOTAL_POINT_BUDGET = 1_500_000;
const MAX_POINTS = 8_640; // 24 h at one fix per 10 s.

export function historyCapacity(vehicles: number): number {
  return Math.max(30, Math.min(MAX_POINTS, Math.floor(TOTAL_POINT_BUDGET / Math.max(1, vehicles))));
}

export class HistoryRing {
  private data: Float64Array | undefined;
  private start = 0;
  private length = 0;

  constructor(private readonly capacity: number) {}

  push(point: HistoryPoint) {
    this.data ??= new Float64Array(this.capacity * FIELDS);
    const slot = (this.start + this.length) % this.capacity;
    if (this.length < this.capacity) this.length += 1;
    else this.start = (this.start + 1) % this.capacity;
    const at = slot * FIELDS;
    this.data[at] = point.time;
    this.data[at + 1] = point.lat;
    this.data[at + 2] = point.lng;
    this.data[at + 3] = point.speed;
    this.data[at + 4] = point.heading;
  }

  between(from: number, to: number): HistoryPoint[] {
    const out: HistoryPoint[] = [];
    const data = this.data;
    if (!data) return out;
    for (let i = 0; i < this.length; i++) {
      const at = ((this.start + i) % this.capacity) * FIELDS;
      const time = data[at]!;
      if (time < from || time > to) continue;
      out.push({
        time,
        lat: data[at + 1]!,
        lng: data[at + 2]!,
        speed: data[at + 3]!,
        heading: data[at + 4]!,
      });
    }
    return out;
  }
}
