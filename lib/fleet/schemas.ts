import { z } from "zod";
import type { Alert, Device, Fence, FenceRef, LatLng, Position, Trip } from "./types";

/**
 * Zod schemas for the domain types, for code that receives them over the wire (the browser
 * reading our own API, a Redis snapshot). They check the invariants the types document; the
 * FleetUp adapter produces values that always pass them.
 */

const finite = z.number().refine(Number.isFinite, { message: "must be a finite number" });
const epochMs = z.number().int().nonnegative();
const text = z.string().min(1);

export const latitudeSchema = finite.refine((v) => v >= -90 && v <= 90, {
  message: "latitude must be within [-90, 90]",
});
export const longitudeSchema = finite.refine((v) => v >= -180 && v <= 180, {
  message: "longitude must be within [-180, 180]",
});

export const latLngSchema: z.ZodType<LatLng> = z
  .tuple([latitudeSchema, longitudeSchema])
  .readonly();

export const deviceSchema: z.ZodType<Device> = z.object({
  id: text,
  name: text,
  plate: z.string().optional(),
  driver: z.string().optional(),
  deviceType: z.string().optional(),
});

export const positionSchema: z.ZodType<Position> = z.object({
  deviceId: text,
  lat: latitudeSchema,
  lng: longitudeSchema,
  fixTime: epochMs.optional(),
  speedKph: finite.nonnegative().optional(),
  headingDeg: finite.min(0).lt(360).optional(),
  ignition: z.boolean().optional(),
  idling: z.boolean().optional(),
});

export const tripSchema: z.ZodType<Trip> = z.object({
  id: text,
  deviceId: text,
  startTime: epochMs,
  endTime: epochMs.optional(),
  start: latLngSchema.optional(),
  end: latLngSchema.optional(),
  startAddress: z.string().optional(),
  endAddress: z.string().optional(),
  distanceM: finite.nonnegative(),
  fuelUsedL: finite.nonnegative().optional(),
  score: finite.optional(),
  vehicleName: z.string().optional(),
});

export const alertSchema: z.ZodType<Alert> = z.object({
  id: text,
  deviceId: z.string().optional(),
  type: text,
  severity: z.enum(["info", "warning", "critical"]),
  time: epochMs,
  endTime: epochMs.optional(),
  position: latLngSchema.optional(),
  speedKph: finite.nonnegative().optional(),
  fenceId: z.string().optional(),
  fenceName: z.string().optional(),
  message: z.string().optional(),
});

export const fenceSchema: z.ZodType<Fence> = z.discriminatedUnion("kind", [
  z.object({
    id: text,
    name: z.string(),
    kind: z.literal("polygon"),
    points: z.array(latLngSchema).min(3),
    holes: z.array(z.array(latLngSchema).min(3)).optional(),
  }),
  z.object({
    id: text,
    name: z.string(),
    kind: z.literal("circle"),
    center: latLngSchema,
    radiusM: finite.positive(),
  }),
  z.object({ id: text, name: z.string(), kind: z.literal("unknown") }),
]);

export const fenceRefSchema: z.ZodType<FenceRef> = z.object({
  id: z.string().optional(),
  name: text,
});
