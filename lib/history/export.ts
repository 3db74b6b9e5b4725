import "server-only";
import { decodePoint, type VehicleHistory } from "@/lib/fleet/history";

/** A vehicle's recorded range as a file: CSV (one row per fix or event) or GeoJSON. */

const iso = (t: number) => new Date(t).toISOString();

/**
 * One CSV field: quoted when it holds a comma, quote or line break; text a spreadsheet would run
 * as a formula (= + - @ at the start, from an alert's words) is prefixed with a quote.
 */
function field(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function historyCsv(history: VehicleHistory): string {
  const header = [
    "time",
    "kind",
    "latitude",
    "longitude",
    "speed_kmh",
    "heading_deg",
    "status",
    "detail",
  ];
  type Line = { t: number; cells: Array<string | number | null | undefined> };
  const lines: Line[] = history.points
    .map(decodePoint)
    .filter((point) => point.t >= history.from)
    .map((point) => ({
      t: point.t,
      cells: [
        iso(point.t),
        "position",
        point.lat,
        point.lng,
        point.speedKph,
        point.headingDeg,
        point.status,
        point.fixTime === point.t ? "" : `fix taken ${iso(point.fixTime)}`,
      ],
    }));
  for (const event of history.events) {
    lines.push({
      t: event.t,
      cells: [
        iso(event.t),
        event.kind,
        event.position?.[0],
        event.position?.[1],
        null,
        null,
        event.severity,
        event.label,
      ],
    });
  }
  lines.sort((a, b) => a.t - b.t);
  return (
    [header, ...lines.map((line) => line.cells)]
      .map((cells) => cells.map(field).join(","))
      .join("\r\n") + "\r\n"
  );
}

export function historyGeoJson(history: VehicleHistory) {
  const points = history.points.map(decodePoint).filter((point) => point.t >= history.from);
  const properties = {
    vehicleId: history.vehicle.id,
    name: history.vehicle.name,
    from: iso(history.from),
    to: iso(history.to),
  };
  return {
    type: "FeatureCollection",
    features: [
      {
        type: "Feature",
        properties: { ...properties, kind: "track", times: points.map((point) => iso(point.t)) },
        geometry: {
          type: "LineString",
          coordinates: points.map((point) => [point.lng, point.lat]),
        },
      },
      ...history.events
        .filter((event) => event.position)
        .map((event) => ({
          type: "Feature",
          properties: {
            vehicleId: history.vehicle.id,
            kind: event.kind,
            time: iso(event.t),
            label: event.label,
            ...(event.severity ? { severity: event.severity } : {}),
          },
          geometry: { type: "Point", coordinates: [event.position![1], event.position![0]] },
        })),
    ],
  };
}
