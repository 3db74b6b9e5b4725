/**
 * The compact wire format of the live feed: how the snapshot and its deltas travel from the
 * server to browsers (GET /api/fleet/snapshot, the snapshot and delta events of
 * /api/fleet/stream). Both sides keep the domain types of ./live; only the bytes between them
 * change. Isomorphic, like ./live: lib/live encodes, lib/queries decodes.
 *
 * Still JSON (a browser parses it natively, a person can read it), with:
 * - vehicles, trips and alerts as rows (arrays) in a fixed field order, absent fields null and
 *   trailing nulls left out;
 * - positions as whole numbers of 1e-5° (about a metre), times as whole seconds before the
 *   message's own time `t` (GPS fixes are whole seconds anyway), speeds to 0.1 km/h, headings to
 *   the degree, distances to the metre;
 * - each vehicle id written as the length it shares with the row before plus the rest
 *   (device ids of one account share long prefixes);
 * - device types and statuses as indexes into small tables;
 * - a changed vehicle in a delta as a patch: a bit mask of the fields that changed and only
 *   their values. Decoding a patch needs the vehicle as the receiver holds it.
 */
import type { AlertWork } from "./alert-work";
import type { FeedHealth, FeedName, FleetDelta, FleetSnapshot, LiveVehicle } from "./live";
import { VEHICLE_STATUSES, type StatusThresholds } from "./status";
import type { Alert, AlertSeverity, EpochMs, Fence, LatLng, Trip } from "./types";

/** Bumped when the format changes in a way an older reader cannot follow. */
export const WIRE_FORMAT = 1;

type Cell = string | number | null;
type Row = Cell[];

type WireHeader = {
  /** The format, WIRE_FORMAT. */
  f: number;
  /** version */
  v: number;
  /** generatedAt, epoch ms; every other time in the message counts back from it, in seconds. */
  t: EpochMs;
  /** stale: 1 or 0 */
  s: 0 | 1;
  /** staleReason */
  r?: string;
  /** positionsAt, epoch ms */
  p?: EpochMs;
  /** The device types the message's rows refer to by index. */
  y?: string[];
  /** The origin its positions count from, in 1e-5° ([0, 0] when absent). */
  o?: [number, number];
};

export type WireSnapshot = WireHeader & {
  V: Row[];
  T: Row[];
  A: Row[];
  W?: AlertWork[];
  F: Fence[];
  H: Partial<Record<FeedName, FeedHealth>>;
  h: StatusThresholds;
};

export type WireDelta = WireHeader & {
  /** baseVersion */
  b: number;
  /** vehicles: `u` whole rows (new vehicles), `m` patches, `x` removed ids */
  V?: { u?: Row[]; m?: Row[]; x?: string[] };
  T?: { u: Row[]; x: string[] };
  A?: Row[];
  W?: AlertWork[];
  F?: Fence[];
  H?: Partial<Record<FeedName, FeedHealth>>;
};

const SEVERITIES: readonly AlertSeverity[] = ["info", "warning", "critical"];

const round = (value: number, step: number) => Math.round(value / step) * step;
const degrees = (value: number) => Math.round(value * 1e5);
const fromDegrees = (value: number) => value / 1e5;

/**
 * Where a message's times and positions count from: times back from its own time in whole
 * seconds, positions from an origin near its vehicles in whole 1e-5°.
 */
class Frame {
  readonly base: number;
  constructor(
    generatedAt: EpochMs,
    readonly origin: [number, number] = [0, 0],
  ) {
    this.base = Math.floor(generatedAt / 1000);
  }
  ago(time: EpochMs): number {
    return this.base - Math.round(time / 1000);
  }
  at(ago: number): EpochMs {
    return (this.base - ago) * 1000;
  }
  lat(value: number): number {
    return degrees(value) - this.origin[0];
  }
  lng(value: number): number {
    return degrees(value) - this.origin[1];
  }
  fromLat(cell: number): number {
    return fromDegrees(cell + this.origin[0]);
  }
  fromLng(cell: number): number {
    return fromDegrees(cell + this.origin[1]);
  }
}

/** The middle of the vehicles' positions, in 1e-5°: small numbers for every position. */
function originOf(vehicles: readonly LiveVehicle[]): [number, number] | undefined {
  if (vehicles.length === 0) return undefined;
  let lat = 0;
  let lng = 0;
  for (const vehicle of vehicles) {
    lat += vehicle.lat;
    lng += vehicle.lng;
  }
  return [degrees(lat / vehicles.length), degrees(lng / vehicles.length)];
}

/** Device types by index, built as rows are written. */
class Dictionary {
  readonly words: string[] = [];
  private readonly index = new Map<string, number>();
  of(word: string): number {
    let at = this.index.get(word);
    if (at === undefined) {
      at = this.words.push(word) - 1;
      this.index.set(word, at);
    }
    return at;
  }
}

/** Front coding: each id as the length it shares with the one before, and the rest. */
class IdWriter {
  private previous = "";
  write(id: string): [number, string] {
    let shared = 0;
    const most = Math.min(id.length, this.previous.length);
    while (shared < most && id.charCodeAt(shared) === this.previous.charCodeAt(shared)) shared++;
    this.previous = id;
    return [shared, id.slice(shared)];
  }
}

class IdReader {
  private previous = "";
  read(shared: Cell, rest: Cell): string {
    if (typeof shared !== "number" || typeof rest !== "string") throw new WireError("an id");
    this.previous = this.previous.slice(0, shared) + rest;
    return this.previous;
  }
}

export class WireError extends Error {
  constructor(what: string) {
    super(`The live feed sent ${what} this page cannot read; it will load the whole fleet.`);
    this.name = "WireError";
  }
}

function trimmed(row: Row): Row {
  let end = row.length;
  while (end > 0 && row[end - 1] === null) end--;
  return end === row.length ? row : row.slice(0, end);
}

const text = (cell: Cell | undefined) => (typeof cell === "string" ? cell : undefined);
const num = (cell: Cell | undefined) => (typeof cell === "number" ? cell : undefined);

// ---- Vehicles ------------------------------------------------------------------------------

/** A vehicle's fields after its id, in row order; a patch's mask has bit i for field i. */
type Field = {
  key: keyof LiveVehicle;
  write(vehicle: LiveVehicle, frame: Frame, types: Dictionary): Cell;
  read(cell: Cell | undefined, frame: Frame, types: readonly string[], id: string): unknown;
};

const optionalText = (key: "name" | "plate" | "driver"): Field => ({
  key,
  write: (vehicle) => vehicle[key] ?? null,
  read: (cell) => text(cell),
});

const VEHICLE_FIELDS: readonly Field[] = [
  {
    key: "lat",
    write: (v, frame) => frame.lat(v.lat),
    read: (c, frame) => frame.fromLat(num(c) ?? NaN),
  },
  {
    key: "lng",
    write: (v, frame) => frame.lng(v.lng),
    read: (c, frame) => frame.fromLng(num(c) ?? NaN),
  },
  {
    key: "speedKph",
    write: (v) => (v.speedKph === undefined ? null : round(v.speedKph, 0.1)),
    read: (c) => num(c),
  },
  {
    key: "headingDeg",
    write: (v) => (v.headingDeg === undefined ? null : Math.round(v.headingDeg)),
    read: (c) => num(c),
  },
  {
    key: "fixTime",
    write: (v, frame) => frame.ago(v.fixTime),
    read: (c, frame) => frame.at(num(c) ?? NaN),
  },
  {
    key: "status",
    write: (v) => VEHICLE_STATUSES.indexOf(v.status),
    read: (c) => VEHICLE_STATUSES[num(c) ?? -1],
  },
  {
    key: "statusSince",
    write: (v, frame) => frame.ago(v.statusSince),
    read: (c, frame) => frame.at(num(c) ?? NaN),
  },
  optionalText("name"),
  optionalText("plate"),
  optionalText("driver"),
  {
    key: "deviceType",
    write: (v, _frame, types) => (v.deviceType === undefined ? null : types.of(v.deviceType)),
    read: (c, _frame, types) => (typeof c === "number" ? types[c] : undefined),
  },
  // Last, as most vehicles are on none. The usual id `${vehicleId}:${startTime}` is sent as the
  // start time alone.
  {
    key: "tripId",
    write: (v, frame) => {
      if (v.tripId === undefined) return null;
      const start = Number(v.tripId.slice(v.id.length + 1));
      const usual = start % 1000 === 0 && v.tripId === `${v.id}:${start}`;
      return usual ? frame.ago(start) : v.tripId;
    },
    read: (c, frame, _types, id) => (typeof c === "number" ? `${id}:${frame.at(c)}` : text(c)),
  },
];
const REQUIRED: readonly (keyof LiveVehicle)[] = ["lat", "lng", "fixTime", "status", "statusSince"];

function vehicleCells(vehicle: LiveVehicle, frame: Frame, types: Dictionary): Cell[] {
  return VEHICLE_FIELDS.map((field) => field.write(vehicle, frame, types));
}

/** Sets (or, for an absent value, removes) field `index` of a vehicle being decoded. */
function readField(
  vehicle: Record<string, unknown>,
  index: number,
  cell: Cell | undefined,
  frame: Frame,
  types: readonly string[],
): void {
  const field = VEHICLE_FIELDS[index]!;
  const value = field.read(cell ?? null, frame, types, vehicle.id as string);
  if (value !== undefined) vehicle[field.key] = value;
  else if (field.key in vehicle) delete vehicle[field.key];
}

function readVehicle(id: string, cells: Row, frame: Frame, types: readonly string[]): LiveVehicle {
  const vehicle: Record<string, unknown> = { id };
  for (let index = 0; index < VEHICLE_FIELDS.length; index++) {
    if (cells[index] != null) readField(vehicle, index, cells[index], frame, types);
  }
  return checkedVehicle(vehicle);
}

function checkedVehicle(vehicle: Record<string, unknown>): LiveVehicle {
  for (const key of REQUIRED) {
    const value = vehicle[key];
    if (value === undefined || (typeof value === "number" && !Number.isFinite(value))) {
      throw new WireError("a vehicle");
    }
  }
  return vehicle as LiveVehicle;
}

function writeVehicles(vehicles: readonly LiveVehicle[], frame: Frame, types: Dictionary): Row[] {
  const ids = new IdWriter();
  return vehicles.map((vehicle) =>
    trimmed([...ids.write(vehicle.id), ...vehicleCells(vehicle, frame, types)]),
  );
}

function readVehicles(rows: readonly Row[], frame: Frame, types: readonly string[]): LiveVehicle[] {
  const ids = new IdReader();
  return rows.map((row) => readVehicle(ids.read(row[0]!, row[1]!), row.slice(2), frame, types));
}

/**
 * A changed vehicle as only what changed against `before`: [shared, rest, mask, …values]. The
 * comparison is on the encoded cells, so a move below the format's precision sends nothing.
 */
function patchRow(
  ids: IdWriter,
  vehicle: LiveVehicle,
  before: LiveVehicle,
  frame: Frame,
  types: Dictionary,
): Row {
  // Compared through a dictionary of their own, so unchanged device types stay out of `y`.
  const compare = new Dictionary();
  const now = vehicleCells(vehicle, frame, compare);
  const then = vehicleCells(before, frame, compare);
  let mask = 0;
  const values: Cell[] = [];
  VEHICLE_FIELDS.forEach((field, index) => {
    if (now[index] !== then[index]) {
      mask |= 1 << index;
      values.push(field.write(vehicle, frame, types));
    }
  });
  return [...ids.write(vehicle.id), mask, ...values];
}

function readPatch(
  ids: IdReader,
  row: Row,
  lookup: (id: string) => LiveVehicle | undefined,
  frame: Frame,
  types: readonly string[],
): LiveVehicle {
  const id = ids.read(row[0]!, row[1]!);
  const before = lookup(id);
  const mask = row[2];
  if (!before || typeof mask !== "number") throw new WireError("a change to an unknown vehicle");
  const vehicle: Record<string, unknown> = { ...before };
  let next = 3;
  for (let index = 0; index < VEHICLE_FIELDS.length; index++) {
    if (mask & (1 << index)) readField(vehicle, index, row[next++], frame, types);
  }
  return checkedVehicle(vehicle);
}

// ---- Trips and alerts ----------------------------------------------------------------------

const point = (at: LatLng | undefined, frame: Frame): [Cell, Cell] =>
  at ? [frame.lat(at[0]), frame.lng(at[1])] : [null, null];
const readPoint = (lat: Cell | undefined, lng: Cell | undefined, frame: Frame) =>
  typeof lat === "number" && typeof lng === "number"
    ? ([frame.fromLat(lat), frame.fromLng(lng)] as LatLng)
    : undefined;

/** Drops the keys whose value is undefined, so a decoded object looks like the original. */
function defined<T extends object>(object: T): T {
  for (const key of Object.keys(object) as (keyof T)[]) {
    if (object[key] === undefined) delete object[key];
  }
  return object;
}

/** A trip's id is left out when it is the usual `${deviceId}:${startTime}`. */
function tripRow(trip: Trip, frame: Frame): Row {
  const derived = trip.startTime % 1000 === 0 && trip.id === `${trip.deviceId}:${trip.startTime}`;
  return trimmed([
    derived ? 0 : trip.id,
    trip.deviceId,
    frame.ago(trip.startTime),
    trip.endTime === undefined ? null : frame.ago(trip.endTime),
    ...point(trip.start, frame),
    ...point(trip.end, frame),
    trip.startAddress ?? null,
    trip.endAddress ?? null,
    Math.round(trip.distanceM),
    trip.fuelUsedL === undefined ? null : round(trip.fuelUsedL, 0.01),
    trip.score ?? null,
    trip.vehicleName ?? null,
  ]);
}

function readTrip(row: Row, frame: Frame): Trip {
  const deviceId = text(row[1]);
  const startTime = frame.at(num(row[2]) ?? NaN);
  if (deviceId === undefined || !Number.isFinite(startTime)) throw new WireError("a trip");
  return defined({
    id: text(row[0]) ?? `${deviceId}:${startTime}`,
    deviceId,
    startTime,
    endTime: typeof row[3] === "number" ? frame.at(row[3]) : undefined,
    start: readPoint(row[4], row[5], frame),
    end: readPoint(row[6], row[7], frame),
    startAddress: text(row[8]),
    endAddress: text(row[9]),
    distanceM: num(row[10]) ?? 0,
    fuelUsedL: num(row[11]),
    score: num(row[12]),
    vehicleName: text(row[13]),
  });
}

function writeAlerts(alerts: readonly Alert[], frame: Frame): Row[] {
  const ids = new IdWriter();
  return alerts.map((alert) => alertRow(ids, alert, frame));
}

function readAlerts(rows: readonly Row[], frame: Frame): Alert[] {
  const ids = new IdReader();
  return rows.map((row) => readAlert(ids.read(row[0]!, row[1]!), row.slice(2), frame));
}

/** [shared, rest (the id, front-coded), deviceId, type, severity, time, …]. */
function alertRow(ids: IdWriter, alert: Alert, frame: Frame): Row {
  return trimmed([
    ...ids.write(alert.id),
    alert.deviceId ?? null,
    alert.type,
    SEVERITIES.indexOf(alert.severity),
    frame.ago(alert.time),
    alert.endTime === undefined ? null : frame.ago(alert.endTime),
    ...point(alert.position, frame),
    alert.speedKph === undefined ? null : round(alert.speedKph, 0.1),
    alert.fenceId ?? null,
    alert.fenceName ?? null,
    alert.message ?? null,
  ]);
}

function readAlert(id: string, row: Row, frame: Frame): Alert {
  const type = text(row[1]);
  const severity = SEVERITIES[num(row[2]) ?? -1];
  const time = frame.at(num(row[3]) ?? NaN);
  if (type === undefined || !severity || !Number.isFinite(time)) {
    throw new WireError("an alert");
  }
  return defined({
    id,
    deviceId: text(row[0]),
    type,
    severity,
    time,
    endTime: typeof row[4] === "number" ? frame.at(row[4]) : undefined,
    position: readPoint(row[5], row[6], frame),
    speedKph: num(row[7]),
    fenceId: text(row[8]),
    fenceName: text(row[9]),
    message: text(row[10]),
  });
}

// ---- Messages ------------------------------------------------------------------------------

function header(
  message: Pick<FleetSnapshot, "version" | "generatedAt" | "stale" | "staleReason" | "positionsAt">,
): WireHeader {
  return defined({
    f: WIRE_FORMAT,
    v: message.version,
    t: message.generatedAt,
    s: message.stale ? 1 : 0,
    r: message.staleReason,
    p: message.positionsAt,
  } as WireHeader);
}

function readHeader(wire: WireHeader) {
  if (wire.f !== WIRE_FORMAT || typeof wire.v !== "number" || typeof wire.t !== "number") {
    throw new WireError("a message");
  }
  return defined({
    version: wire.v,
    generatedAt: wire.t,
    stale: wire.s === 1,
    staleReason: wire.r,
    positionsAt: wire.p,
  });
}

export function encodeSnapshot(snapshot: FleetSnapshot): WireSnapshot {
  const origin = originOf(snapshot.vehicles);
  const frame = new Frame(snapshot.generatedAt, origin);
  const types = new Dictionary();
  const vehicles = writeVehicles(snapshot.vehicles, frame, types);
  return defined({
    ...header(snapshot),
    o: origin,
    y: types.words,
    V: vehicles,
    T: snapshot.trips.map((trip) => tripRow(trip, frame)),
    A: writeAlerts(snapshot.alerts, frame),
    W: snapshot.alertWork,
    F: snapshot.fences,
    H: snapshot.feeds,
    h: snapshot.thresholds,
  });
}

export function decodeSnapshot(wire: WireSnapshot): FleetSnapshot {
  const frame = new Frame(wire.t, wire.o);
  const types = wire.y ?? [];
  return defined({
    ...readHeader(wire),
    vehicles: readVehicles(wire.V, frame, types),
    trips: wire.T.map((row) => readTrip(row, frame)),
    alerts: readAlerts(wire.A, frame),
    alertWork: wire.W,
    fences: wire.F,
    feeds: wire.H,
    thresholds: wire.h,
  });
}

/**
 * @param before the vehicle as the receiver holds it (the version `delta.baseVersion`), so a
 *   changed vehicle is sent as a patch; undefined for a new one.
 */
export function encodeDelta(
  delta: FleetDelta,
  before: (id: string) => LiveVehicle | undefined,
): WireDelta {
  const origin = originOf(delta.vehicles?.upsert ?? []);
  const frame = new Frame(delta.generatedAt, origin);
  const types = new Dictionary();
  let vehicles: WireDelta["V"];
  if (delta.vehicles) {
    const whole: LiveVehicle[] = [];
    const patches: Row[] = [];
    const ids = new IdWriter();
    for (const vehicle of delta.vehicles.upsert) {
      const held = before(vehicle.id);
      if (held) patches.push(patchRow(ids, vehicle, held, frame, types));
      else whole.push(vehicle);
    }
    vehicles = defined({
      u: whole.length ? writeVehicles(whole, frame, types) : undefined,
      m: patches.length ? patches : undefined,
      x: delta.vehicles.remove.length ? delta.vehicles.remove : undefined,
    });
  }
  return defined({
    ...header(delta),
    b: delta.baseVersion,
    o: origin,
    y: types.words.length ? types.words : undefined,
    V: vehicles,
    T: delta.trips && {
      u: delta.trips.upsert.map((trip) => tripRow(trip, frame)),
      x: delta.trips.remove,
    },
    A: delta.alerts && writeAlerts(delta.alerts, frame),
    W: delta.alertWork,
    F: delta.fences,
    H: delta.feeds,
  });
}

/**
 * @param held the vehicles as held at `wire.b`; a patch to a vehicle not held is a WireError
 *   (the receiver then loads a whole snapshot).
 */
export function decodeDelta(
  wire: WireDelta,
  held: (id: string) => LiveVehicle | undefined,
): FleetDelta {
  const frame = new Frame(wire.t, wire.o);
  const types = wire.y ?? [];
  let vehicles: FleetDelta["vehicles"];
  if (wire.V) {
    const ids = new IdReader();
    const patched = (wire.V.m ?? []).map((row) => readPatch(ids, row, held, frame, types));
    vehicles = {
      upsert: [...readVehicles(wire.V.u ?? [], frame, types), ...patched],
      remove: wire.V.x ?? [],
    };
  }
  return defined({
    ...readHeader(wire),
    baseVersion: wire.b,
    vehicles,
    trips: wire.T && {
      upsert: wire.T.u.map((row) => readTrip(row, frame)),
      remove: wire.T.x,
    },
    alerts: wire.A && readAlerts(wire.A, frame),
    alertWork: wire.W,
    fences: wire.F,
    feeds: wire.H,
  });
}
